import { describe, expect, it, vi } from 'vitest';
import { Lifecycle } from './shutdown';

describe('Lifecycle', () => {
  it('is ready until told to drain, then not, for good', () => {
    const life = new Lifecycle();
    expect(life.draining).toBe(false);
    life.beginDrain();
    expect(life.draining).toBe(true);
    life.stopServing();
    life.beginDrain();
    expect(life.draining).toBe(true);
  });

  it('ends every stream still registered when it stops serving, not one that ended first', () => {
    const life = new Lifecycle();
    const [a, b] = [vi.fn(), vi.fn()];
    life.onStop(a);
    const forgetB = life.onStop(b);
    forgetB();
    life.beginDrain();
    expect(a).not.toHaveBeenCalled();
    life.stopServing();
    expect(a).toHaveBeenCalledOnce();
    expect(b).not.toHaveBeenCalled();
  });

  it('ends a stream that starts after it stopped serving, at once', async () => {
    const life = new Lifecycle();
    life.stopServing();
    const late = vi.fn();
    life.onStop(late);
    await Promise.resolve();
    expect(late).toHaveBeenCalledOnce();
  });
});

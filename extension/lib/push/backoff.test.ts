import { describe, expect, it } from 'vitest';
import { backoffBaseMs, backoffCapMs, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from about a second, with the upper half random', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('stays within [half, whole] of the ceiling, never above the cap, for any attempt', () => {
    for (let attempt = 0; attempt < 60; attempt++) {
      const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** attempt);
      for (const r of [0, 0.3, 0.999, Math.random()]) {
        const delay = backoffDelay(attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(backoffCapMs);
      }
    }
    expect(backoffDelay(1000, () => 1)).toBe(backoffCapMs);
  });
});

import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs } from './backoff';

describe('retry backoff', () => {
  it('doubles with each failed try, between half and all of its step', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const step = BACKOFF_BASE_MS * 2 ** (attempt - 1);
      expect(backoffMs(attempt, () => 0)).toBe(step / 2);
      expect(backoffMs(attempt, () => 1)).toBe(step);
    }
  });

  it('spreads jobs that failed together', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffMs(4)));
    expect(waits.size).toBeGreaterThan(40);
  });

  it('never waits longer than the cap, however many tries failed', () => {
    expect(backoffMs(25, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1_000, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });
});

import { describe, expect, it } from 'vitest';
import { parseLimit, RateLimiter } from './rate-limiter';

/** A fake clock whose sleep advances time, so limits are tested without waiting. */
function fakeTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => { t += ms; } };
}

describe('RateLimiter', () => {
  it('lets 100 through at once, then spaces the rest so no 10-second window holds more than 100', async () => {
    const clock = fakeTime();
    const limiter = new RateLimiter(clock.now, clock.sleep);
    const stamps: number[] = [];
    for (let i = 0; i < 250; i++) {
      await limiter.acquire('con_1', [{ key: '', max: 100, windowMs: 10_000 }]);
      stamps.push(clock.now());
    }
    expect(stamps.slice(0, 100).every((s) => s === 0)).toBe(true);
    for (let i = 100; i < stamps.length; i++) expect(stamps[i]! - stamps[i - 100]!).toBeGreaterThanOrEqual(10_000);
    expect(clock.now()).toBeLessThan(22_000);
  });

  it('keeps limits per connection and per extra key (a Slack channel)', async () => {
    const clock = fakeTime();
    const limiter = new RateLimiter(clock.now, clock.sleep);
    const perChannel = (c: string) => [{ key: `:chat:${c}`, max: 1, windowMs: 1000 }];
    await limiter.acquire('con_1', perChannel('C1'));
    await limiter.acquire('con_1', perChannel('C2'));
    await limiter.acquire('con_2', perChannel('C1'));
    expect(clock.now()).toBe(0);
    await limiter.acquire('con_1', perChannel('C1'));
    expect(clock.now()).toBeGreaterThanOrEqual(1000);
  });

  it('parses tier overrides', () => {
    expect(parseLimit('190/10s')).toEqual({ max: 190, windowMs: 10_000 });
    expect(parseLimit('5/1m')).toEqual({ max: 5, windowMs: 60_000 });
    expect(parseLimit('lots')).toBeUndefined();
  });
});

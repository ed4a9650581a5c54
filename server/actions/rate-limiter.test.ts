import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../store/engine';
import { forEachEngine, openSharedTestStores } from '../store/testing/engines';
import { parseLimit, RateLimiter } from './rate-limiter';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Rate limiters of `count` instances sharing one database, each with the clock given. */
async function limiters(engine: Engine, count: number, clock?: { now(): number; sleep(ms: number): Promise<void> }): Promise<RateLimiter[]> {
  const shared = await openSharedTestStores(engine, count);
  cleanup = shared.close;
  return shared.stores.map((store) => new RateLimiter(store.windows, clock?.now, clock?.sleep));
}

/** A fake clock whose sleep advances time, so limits are tested without waiting. */
function fakeTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => { t += ms; } };
}

/** The largest number of `stamps` inside any window of `windowMs` (a window [s, s + windowMs) starting at each stamp). */
function busiestWindow(stamps: number[], windowMs: number): number {
  const sorted = [...stamps].sort((a, b) => a - b);
  return Math.max(...sorted.map((s, i) => sorted.slice(i).filter((x) => x < s + windowMs).length));
}

forEachEngine('RateLimiter', (engine) => {
  it('tryAcquire takes a free turn at once, and with none free (or a caller waiting) answers false without counting or waiting', async () => {
    const clock = fakeTime();
    const [limiter] = await limiters(engine, 1, clock);
    const limit = [{ key: '', max: 2, windowMs: 60_000 }];
    expect(await limiter!.tryAcquire('con_1', limit)).toBe(true);
    expect(await limiter!.tryAcquire('con_1', limit)).toBe(true);
    expect(await limiter!.tryAcquire('con_1', limit)).toBe(false);
    expect(clock.now()).toBe(0);
    // The refusal counted nothing: once the window has passed, two turns again.
    await clock.sleep(70_000);
    expect(await limiter!.tryAcquire('con_1', limit)).toBe(true);
    expect(await limiter!.tryAcquire('con_1', limit)).toBe(true);
    // A caller waiting its turn under the same limits goes first: a lookup does not jump the queue.
    const waiting = limiter!.acquire('con_1', limit);
    expect(await limiter!.tryAcquire('con_1', limit)).toBe(false);
    await waiting;
  });

  it('lets 100 through at once, then spaces the rest so no 10-second window holds more than 100', async () => {
    const clock = fakeTime();
    const [limiter] = await limiters(engine, 1, clock);
    const stamps: number[] = [];
    for (let i = 0; i < 250; i++) {
      await limiter!.acquire('con_1', [{ key: '', max: 100, windowMs: 10_000 }]);
      stamps.push(clock.now());
    }
    expect(stamps.slice(0, 100).every((s) => s === 0)).toBe(true);
    for (let i = 100; i < stamps.length; i++) expect(stamps[i]! - stamps[i - 100]!).toBeGreaterThanOrEqual(10_000);
    expect(clock.now()).toBeLessThan(22_000);
  });

  it('keeps limits per connection and per extra key (a Slack channel)', async () => {
    const clock = fakeTime();
    const [limiter] = await limiters(engine, 1, clock);
    const perChannel = (c: string) => [{ key: `:chat:${c}`, max: 1, windowMs: 1000 }];
    await limiter!.acquire('con_1', perChannel('C1'));
    await limiter!.acquire('con_1', perChannel('C2'));
    await limiter!.acquire('con_2', perChannel('C1'));
    expect(clock.now()).toBe(0);
    await limiter!.acquire('con_1', perChannel('C1'));
    expect(clock.now()).toBeGreaterThanOrEqual(1000);
  });

  it('two instances acquiring at once stay under the limit together: no 400 ms window holds more than 5 of their 30 turns', async () => {
    const [a, b] = await limiters(engine, 2);
    const limit = [{ key: '', max: 5, windowMs: 400 }];
    const started = Date.now();
    const stamps = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a! : b!).acquire('con_1', limit)));
    expect(busiestWindow(stamps, 400)).toBe(5);
    // Waiting, not failing: all 30 went through, at about 5 per (stretched) window.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 400);
  });
});

it('parses tier overrides', () => {
  expect(parseLimit('190/10s')).toEqual({ max: 190, windowMs: 10_000 });
  expect(parseLimit('5/1m')).toEqual({ max: 5, windowMs: 60_000 });
  expect(parseLimit('lots')).toBeUndefined();
  expect(parseLimit('0/10s')).toBeUndefined();
});

import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../store/engine';
import { forEachEngine, openSharedTestStores } from '../store/testing/engines';
import { createSignInThrottle, type SignInThrottle } from './sign-in-throttle';

const ACCOUNT = 'owner@example.com';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** Sign-in throttles of `count` instances sharing one database, each reading `clock`. */
async function throttles(engine: Engine, clock: () => number, count = 1): Promise<SignInThrottle[]> {
  const shared = await openSharedTestStores(engine, count);
  cleanup = shared.close;
  return shared.stores.map((store) => createSignInThrottle(store.windows, clock));
}

/** Guesses a wrong password the way the sign-in route does: count the attempt, then the failure. */
async function guess(throttle: SignInThrottle, address: string): Promise<number> {
  const wait = await throttle.attempt(address, ACCOUNT);
  if (!wait) await throttle.failed(ACCOUNT);
  return wait;
}

forEachEngine('sign-in throttle', (engine) => {
  it('locks the pair (address, account) after 10 attempts, and a success starts the count again', async () => {
    const [throttle] = await throttles(engine, () => 0);
    for (let i = 0; i < 9; i++) expect(await guess(throttle!, '198.51.100.9')).toBe(0);
    await throttle!.succeeded('198.51.100.9', ACCOUNT);
    for (let i = 0; i < 10; i++) expect(await guess(throttle!, '198.51.100.9')).toBe(0);
    expect(await guess(throttle!, '198.51.100.9')).toBe(900);
    expect(await throttle!.attempt('203.0.113.5', ACCOUNT)).toBe(0);
    expect(await throttle!.attempt('198.51.100.9', 'someone-else@example.com')).toBe(0);
  });

  it('limits one address to 60 attempts across accounts', async () => {
    const [throttle] = await throttles(engine, () => 0);
    for (let i = 0; i < 60; i++) expect(await throttle!.address('198.51.100.9')).toBe(0);
    expect(await throttle!.address('198.51.100.9')).toBe(900);
    expect(await throttle!.address('203.0.113.5')).toBe(0);
  });

  it('slows a distributed attack on one account to 3 guesses per address, and never locks the owner out', async () => {
    let now = 0;
    const [throttle] = await throttles(engine, () => now);
    // 20 addresses × 5 wrong guesses = 100 failures: the account is now under attack.
    for (let a = 0; a < 20; a++) for (let i = 0; i < 5; i++) expect(await guess(throttle!, `198.51.100.${a}`)).toBe(0);
    // A fresh attacking address gets 3 guesses instead of 10.
    for (let i = 0; i < 3; i++) expect(await guess(throttle!, '198.51.100.200')).toBe(0);
    expect(await guess(throttle!, '198.51.100.200')).toBeGreaterThan(0);
    // The owner's own address still has its tries, however long the attack goes on.
    for (let round = 0; round < 4; round++) {
      now += 15 * 60_000;
      for (let a = 0; a < 40; a++) for (let i = 0; i < 3; i++) await guess(throttle!, `198.51.${round}.${a}`);
      expect(await throttle!.attempt('203.0.113.5', ACCOUNT)).toBe(0);
      await throttle!.succeeded('203.0.113.5', ACCOUNT);
    }
  });

  it('counts a whole IPv6 /64 as one address, so hopping within it gains nothing', async () => {
    const [throttle] = await throttles(engine, () => 0);
    for (let i = 0; i < 10; i++) expect(await guess(throttle!, `2001:db8:1:2::${i.toString(16)}`)).toBe(0);
    expect(await guess(throttle!, '2001:db8:1:2:ffff::1')).toBe(900);
    expect(await guess(throttle!, '2001:db8:1:3::1')).toBe(0);
  });

  it('says how long to wait until the oldest counted attempt ages out', async () => {
    let now = 0;
    const [throttle] = await throttles(engine, () => now);
    for (let i = 0; i < 10; i++) {
      await guess(throttle!, '198.51.100.9');
      now += 60_000;
    }
    // The first attempt (at 0) ages out at 15:00; it is 10:00 now.
    expect(await guess(throttle!, '198.51.100.9')).toBe(300);
  });

  it('counts the guesses of every instance together: 10 spread over two instances lock the pair out on both', async () => {
    const [a, b] = await throttles(engine, () => 0, 2);
    for (let i = 0; i < 10; i++) expect(await guess(i % 2 ? a! : b!, '198.51.100.9')).toBe(0);
    expect(await guess(a!, '198.51.100.9')).toBe(900);
    expect(await guess(b!, '198.51.100.9')).toBe(900);
    // A success on one instance starts the count again on the other.
    await a!.succeeded('198.51.100.9', ACCOUNT);
    expect(await guess(b!, '198.51.100.9')).toBe(0);
  });

  it('keeps no address or email in the database, only fixed-length hashes', async () => {
    const shared = await openSharedTestStores(engine, 1);
    cleanup = shared.close;
    const throttle = createSignInThrottle(shared.stores[0]!.windows, () => 0);
    await throttle.address('198.51.100.9');
    await guess(throttle, '198.51.100.9');
    const keys = (await shared.stores[0]!.db.selectFrom('limit_stamps').select('key').execute()).map((r) => r.key);
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key).toMatch(/^sign-in:[\w-]{43}$/);
  });
});

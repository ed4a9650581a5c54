import { describe, expect, it } from 'vitest';
import { createSignInThrottle } from './sign-in-throttle';

const ACCOUNT = 'owner@example.com';

/** Guesses a wrong password the way the sign-in route does: count the attempt, then the failure. */
function guess(throttle: ReturnType<typeof createSignInThrottle>, address: string): number {
  const wait = throttle.attempt(address, ACCOUNT);
  if (!wait) throttle.failed(ACCOUNT);
  return wait;
}

describe('sign-in throttle', () => {
  it('locks the pair (address, account) after 10 attempts, and a success starts the count again', () => {
    const throttle = createSignInThrottle(() => 0);
    for (let i = 0; i < 9; i++) expect(guess(throttle, '198.51.100.9')).toBe(0);
    throttle.succeeded('198.51.100.9', ACCOUNT);
    for (let i = 0; i < 10; i++) expect(guess(throttle, '198.51.100.9')).toBe(0);
    expect(guess(throttle, '198.51.100.9')).toBe(900);
    expect(throttle.attempt('203.0.113.5', ACCOUNT)).toBe(0);
    expect(throttle.attempt('198.51.100.9', 'someone-else@example.com')).toBe(0);
  });

  it('limits one address to 60 attempts across accounts', () => {
    const throttle = createSignInThrottle(() => 0);
    for (let i = 0; i < 60; i++) expect(throttle.address('198.51.100.9')).toBe(0);
    expect(throttle.address('198.51.100.9')).toBe(900);
    expect(throttle.address('203.0.113.5')).toBe(0);
  });

  it('slows a distributed attack on one account to 3 guesses per address, and never locks the owner out', () => {
    let now = 0;
    const throttle = createSignInThrottle(() => now);
    // 20 addresses × 5 wrong guesses = 100 failures: the account is now under attack.
    for (let a = 0; a < 20; a++) for (let i = 0; i < 5; i++) expect(guess(throttle, `198.51.100.${a}`)).toBe(0);
    // A fresh attacking address gets 3 guesses instead of 10.
    for (let i = 0; i < 3; i++) expect(guess(throttle, '198.51.100.200')).toBe(0);
    expect(guess(throttle, '198.51.100.200')).toBeGreaterThan(0);
    // The owner's own address still has its tries, however long the attack goes on.
    for (let round = 0; round < 4; round++) {
      now += 15 * 60_000;
      for (let a = 0; a < 40; a++) for (let i = 0; i < 3; i++) guess(throttle, `198.51.${round}.${a}`);
      expect(throttle.attempt('203.0.113.5', ACCOUNT)).toBe(0);
      throttle.succeeded('203.0.113.5', ACCOUNT);
    }
  });

  it('counts a whole IPv6 /64 as one address, so hopping within it gains nothing', () => {
    const throttle = createSignInThrottle(() => 0);
    for (let i = 0; i < 10; i++) expect(guess(throttle, `2001:db8:1:2::${i.toString(16)}`)).toBe(0);
    expect(guess(throttle, '2001:db8:1:2:ffff::1')).toBe(900);
    expect(guess(throttle, '2001:db8:1:3::1')).toBe(0);
  });

  it('says how long to wait until the oldest counted attempt ages out', () => {
    let now = 0;
    const throttle = createSignInThrottle(() => now);
    for (let i = 0; i < 10; i++) {
      guess(throttle, '198.51.100.9');
      now += 60_000;
    }
    // The first attempt (at 0) ages out at 15:00; it is 10:00 now.
    expect(guess(throttle, '198.51.100.9')).toBe(300);
  });
});

import { createHash } from 'node:crypto';
import type { SlidingWindows } from '../store/sliding-windows';
import { addressKey } from './address-key';

const WINDOW_MS = 15 * 60_000;
/** Every sign-up and sign-in from one address, whichever accounts it names. */
const PER_ADDRESS = 60;
/** Attempts at one account from one address; a success starts the count again. */
const PER_ADDRESS_AND_ACCOUNT = 10;
/** Failures at one account from all addresses together before it counts as under attack. */
const ACCOUNT_UNDER_ATTACK = 100;
/** The per-address budget for an account under attack: slower, never zero. */
const PER_ADDRESS_AND_ACCOUNT_UNDER_ATTACK = 3;

/**
 * Password guessing limits, in 15-minute sliding windows.
 *
 * The lock-out is keyed on the pair (address, account), so a stranger's wrong guesses
 * lock out the stranger, not the account's owner signing in from elsewhere. One address
 * spraying many accounts meets the per-address limit. Many addresses aimed at one
 * account (a botnet) would each get 10 guesses; once the account has 100 failures in the
 * window, every address gets only 3 per window for it. That slows a distributed attack
 * to a crawl without ever locking the account: the owner's own address keeps its 3 tries,
 * so an attacker can never deny them sign-in, which a global per-account lock would allow.
 * "Address" means an IPv4 address or an IPv6 /64 (`address-key.ts`).
 *
 * The counts live in the database (store.windows), so every instance sharing it enforces
 * the same limits: spreading guesses over instances behind a load balancer gains nothing.
 * Keys are stored as SHA-256 hashes: fixed length whatever the input, and no addresses or
 * emails at rest in the table.
 */
export interface SignInThrottle {
  /** Counts an attempt from `address` (sign-up or sign-in); seconds to wait, or 0. */
  address(address: string): Promise<number>;
  /** Counts an attempt at `account` from `address` before its password is checked; seconds to wait, or 0. */
  attempt(address: string, account: string): Promise<number>;
  failed(account: string): Promise<void>;
  succeeded(address: string, account: string): Promise<void>;
}

export function createSignInThrottle(windows: SlidingWindows, now = () => Date.now()): SignInThrottle {
  // A newline cannot occur in an email or an address, so keys of different kinds cannot collide.
  const key = (...parts: string[]) => `sign-in:${createHash('sha256').update(parts.join('\n')).digest('base64url')}`;
  const perAddress = (address: string) => key('address', addressKey(address));
  const perPair = (address: string, account: string) => key('pair', addressKey(address), account);
  const accountFailures = (account: string) => key('failures', account);
  /** Counts a turn in `k`'s window unless it holds `max`; seconds to wait, or 0. */
  const hit = async (k: string, max: number) => {
    const waitMs = await windows.take(k, [{ key: k, max, windowMs: WINDOW_MS }], now());
    return Math.ceil(waitMs / 1000);
  };
  return {
    address: (address) => hit(perAddress(address), PER_ADDRESS),
    async attempt(address, account) {
      const underAttack = (await windows.count(accountFailures(account), now())) >= ACCOUNT_UNDER_ATTACK;
      return hit(perPair(address, account), underAttack ? PER_ADDRESS_AND_ACCOUNT_UNDER_ATTACK : PER_ADDRESS_AND_ACCOUNT);
    },
    async failed(account) {
      // Saturates at the threshold: enough to know, and at most 100 rows per account.
      await hit(accountFailures(account), ACCOUNT_UNDER_ATTACK);
    },
    succeeded: (address, account) => windows.clear(perPair(address, account)),
  };
}

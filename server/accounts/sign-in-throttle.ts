import { addressKey } from './address-key';
import { createAttemptLimiter } from './attempt-limiter';

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
 */
export interface SignInThrottle {
  /** Counts an attempt from `address` (sign-up or sign-in); seconds to wait, or 0. */
  address(address: string): number;
  /** Counts an attempt at `account` from `address` before its password is checked; seconds to wait, or 0. */
  attempt(address: string, account: string): number;
  failed(account: string): void;
  succeeded(address: string, account: string): void;
}

export function createSignInThrottle(now = () => Date.now()): SignInThrottle {
  const perAddress = createAttemptLimiter(PER_ADDRESS, WINDOW_MS, now);
  const perPair = createAttemptLimiter(PER_ADDRESS_AND_ACCOUNT, WINDOW_MS, now);
  const accountFailures = createAttemptLimiter(ACCOUNT_UNDER_ATTACK, WINDOW_MS, now);
  // A newline cannot occur in an email or an address, so pairs cannot collide.
  const pair = (address: string, account: string) => `${addressKey(address)}\n${account}`;
  return {
    address: (address) => perAddress.hit(addressKey(address)),
    attempt(address, account) {
      const underAttack = accountFailures.count(account) >= ACCOUNT_UNDER_ATTACK;
      return perPair.hit(pair(address, account), underAttack ? PER_ADDRESS_AND_ACCOUNT_UNDER_ATTACK : undefined);
    },
    failed(account) {
      // Saturates at the threshold: enough to know, bounded memory under a flood.
      accountFailures.hit(account);
    },
    succeeded(address, account) {
      perPair.reset(pair(address, account));
    },
  };
}

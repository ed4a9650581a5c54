import type { Clock } from './clock';

export interface RateWindow {
  limit: number;
  remaining: number;
  used: number;
  /** When the budget is whole again (fixed window) or the oldest call leaves the window (rolling), in ms. */
  resetAt: number;
  limited: boolean;
}

/** Whole seconds until a refused call would be allowed, at least 1: what a `Retry-After` header says. */
export function retryAfterSeconds(window: RateWindow, now: number): number {
  return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
}

/**
 * A budget that refills all at once at the end of each window: GitHub's hourly primary
 * limit (`x-ratelimit-reset` is that instant) and Slack's per-minute method tiers.
 */
export class FixedWindowLimiter {
  readonly #windows = new Map<string, { start: number; used: number }>();
  readonly #now: Clock;

  constructor(now: Clock, readonly limit: number, readonly windowMs: number) {
    this.#now = now;
  }

  /** Counts one call unless the budget is already spent; a refused call does not count. */
  hit(key: string): RateWindow {
    const window = this.#current(key);
    const limited = window.used >= this.limit;
    if (!limited) window.used++;
    return this.#describe(window, limited);
  }

  /** The budget without spending it (GitHub's `GET /rate_limit` does not count). */
  peek(key: string): RateWindow {
    return this.#describe(this.#current(key), false);
  }

  #current(key: string): { start: number; used: number } {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, used: 0 };
      this.#windows.set(key, window);
    }
    return window;
  }

  #describe(window: { start: number; used: number }, limited: boolean): RateWindow {
    const remaining = Math.max(0, this.limit - window.used);
    return { limit: this.limit, remaining, used: window.used, resetAt: window.start + this.windowMs, limited };
  }
}

/** A sliding window of call times: HubSpot's TEN_SECONDLY_ROLLING policy. */
export class RollingWindowLimiter {
  readonly #calls = new Map<string, number[]>();
  readonly #now: Clock;

  constructor(now: Clock, readonly limit: number, readonly windowMs: number) {
    this.#now = now;
  }

  hit(key: string): RateWindow {
    const now = this.#now();
    const calls = (this.#calls.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.#calls.set(key, calls);
    const limited = calls.length >= this.limit;
    if (!limited) calls.push(now);
    const oldest = calls[0] ?? now;
    return { limit: this.limit, remaining: this.limit - calls.length, used: calls.length, resetAt: oldest + this.windowMs, limited };
  }
}

/**
 * A token bucket: `burst` calls at once, then `perSecond` a second. Slack's chat.postMessage
 * ("about one message per second per channel, with short bursts allowed") works this way.
 * `resetAt` is when the next call would be allowed.
 */
export class TokenBucketLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: Clock;

  constructor(now: Clock, readonly perSecond: number, readonly burst: number) {
    this.#now = now;
  }

  hit(key: string): RateWindow {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    const limited = bucket.tokens < 1;
    if (!limited) bucket.tokens -= 1;
    const wait = bucket.tokens >= 1 ? 0 : ((1 - bucket.tokens) / this.perSecond) * 1000;
    const remaining = Math.floor(bucket.tokens);
    return { limit: this.burst, remaining, used: this.burst - remaining, resetAt: now + Math.ceil(wait), limited };
  }
}

/** How patient one kind of provider call is. Every provider call goes through one of these. */
export interface RetryPolicy {
  /** Attempts in all before the error reaches the user. */
  maxAttempts: number;
  /** The longest single wait Weft sits through; a provider asking for more gets a clear error at once instead. */
  maxWaitMs: number;
  /** One attempt, from sending the request to the last byte of the answer. */
  timeoutMs: number;
  /** The largest answer read; a provider sending more gets an error, not Weft's memory. */
  maxBodyBytes: number;
}

/** Someone is waiting on this answer (a key being checked, a Test, a revoke): short. */
export const INTERACTIVE: RetryPolicy = { maxAttempts: 2, maxWaitMs: 5_000, timeoutMs: 15_000, maxBodyBytes: 1 << 20 };
/** Actions: the outbox sends them again later anyway, so each may wait longer. */
export const ACTIONS: RetryPolicy = { maxAttempts: 4, maxWaitMs: 30_000, timeoutMs: 20_000, maxBodyBytes: 5 << 20 };
/**
 * A lookup that only describes what an action already did (a message's link, a channel's
 * name): one attempt, no waiting on a 429's Retry-After; the caller goes without it.
 */
export const DESCRIPTION: RetryPolicy = { maxAttempts: 1, maxWaitMs: 0, timeoutMs: 5_000, maxBodyBytes: 1 << 20 };

/** What one failed attempt means: try again after `waitMs`, or stop (with the wait the provider asked for, if it named one). */
export type RetryDecision = { retry: true; waitMs: number } | { retry: false; retryAfterMs?: number };

/** Whether an HTTP status means "rate limited": 429, and GitHub's 403 with an empty quota or a Retry-After. */
export const isRateLimited = (status: number, headers: Headers | null) =>
  status === 429 || (status === 403 && (headers?.get('x-ratelimit-remaining') === '0' || Boolean(headers?.has('retry-after'))));

/**
 * Whether and when to try again. 429 and 5xx (and GitHub's 403 rate-limit answers) and
 * network failures are retried, a bounded number of times: after `Retry-After` (seconds or
 * an HTTP date) or GitHub's `x-ratelimit-reset` (epoch seconds) when given, else after an
 * exponential backoff with full jitter, so many clients retrying at once do not stampede.
 * A provider asking for a longer wait than the policy allows is not retried: the user is
 * told how long it asked for instead of Weft sleeping through a wait it would cut short.
 */
export function retryDecision(
  status: number | 'network',
  headers: Headers | null,
  attempt: number,
  policy: RetryPolicy,
  random = Math.random,
  now = Date.now(),
): RetryDecision {
  const rateLimited = status !== 'network' && isRateLimited(status, headers);
  if (!(status === 'network' || rateLimited || status >= 500)) return { retry: false };
  const asked = requestedWaitMs(headers, rateLimited, now);
  if (attempt >= policy.maxAttempts || (asked !== undefined && asked > policy.maxWaitMs)) return { retry: false, retryAfterMs: asked };
  if (asked !== undefined) return { retry: true, waitMs: asked };
  return { retry: true, waitMs: Math.round(random() * Math.min(250 * 2 ** attempt, policy.maxWaitMs)) };
}

/** The wait a provider asked for, in ms: `Retry-After`, else (rate limited) GitHub's reset time. */
export function requestedWaitMs(headers: Headers | null, rateLimited: boolean, now = Date.now()): number | undefined {
  const retryAfter = headers?.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(date - now, 0);
  }
  const reset = Number(headers?.get('x-ratelimit-reset'));
  if (rateLimited && Number.isFinite(reset) && reset > 0) return Math.max(reset * 1000 - now, 0);
  return undefined;
}

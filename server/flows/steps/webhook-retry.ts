/**
 * When an outbound webhook is tried again. A receiver that is down for a deploy, an outage
 * or a weekend still gets the message: tries follow each other at 30 s, 1 min, 2 min, …
 * doubling up to 12 h apart, for 3 days after the first; then the message is dead-lettered
 * (listed, and replayable by hand). Each wait has "equal jitter" (between half and all of
 * it), so the webhooks of a receiver that failed together do not all come back in the
 * same instant. A receiver that names its wait (Retry-After on a 429 or 503) gets at least
 * that, still at most 12 h.
 */
export const RETRY_FIRST_MS = 30_000;
export const RETRY_CAP_MS = 12 * 60 * 60_000;
export const RETRY_WINDOW_MS = 3 * 24 * 60 * 60_000;

/**
 * The time of the next try after try number `attempts` failed, or undefined when the
 * 3-day window is over and the message is dead.
 *
 * @example nextAttemptMs({ attempts: 1, firstAttemptMs: 0, nowMs: 0, random: () => 1 }) // 30_000
 */
export function nextAttemptMs(opts: { attempts: number; firstAttemptMs: number; nowMs: number; retryAfterMs?: number; random?: () => number }): number | undefined {
  const step = Math.min(RETRY_CAP_MS, RETRY_FIRST_MS * 2 ** Math.min(opts.attempts - 1, 30));
  const jittered = Math.round(step / 2 + (opts.random ?? Math.random)() * (step / 2));
  const wait = Math.min(RETRY_CAP_MS, Math.max(jittered, opts.retryAfterMs ?? 0));
  const next = opts.nowMs + wait;
  return next > opts.firstAttemptMs + RETRY_WINDOW_MS ? undefined : next;
}

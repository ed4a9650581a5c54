/** The first retry waits about this long; each further one doubles it. */
export const BACKOFF_BASE_MS = 2_000;
/** No retry waits longer than this. */
export const BACKOFF_CAP_MS = 60 * 60_000;

/**
 * The wait before try `attempt + 1`, after try `attempt` failed: exponential, capped, with
 * "equal jitter" (between half and all of the step) so jobs that failed together, say
 * when a provider went down, do not all come back in the same instant.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt - 1, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

import type { LeafStep } from './step-kinds';

/** A step without `retry:` gets this many tries, the first included. */
export const DEFAULT_STEP_ATTEMPTS = 5;
/** The first wait before a retry when the step names none; exponential doubles it each time. */
export const DEFAULT_RETRY_DELAY_MS = 2_000;
/** No wait between two tries of a step is longer than this. */
export const MAX_RETRY_WAIT_MS = 60 * 60_000;

export const stepAttempts = (step: LeafStep): number => step.retry?.attempts ?? DEFAULT_STEP_ATTEMPTS;

/**
 * The wait before the next try of a step whose try `attempt` failed: what the provider
 * asked for (Retry-After) when it said, else the step's backoff: `fixed` waits `delayMs`
 * each time, `exponential` (the default) doubles it each time, with jitter between half
 * and all of it so steps that failed together do not all come back at once.
 */
export function retryWaitMs(step: LeafStep, attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_WAIT_MS);
  const base = step.retry?.delayMs ?? DEFAULT_RETRY_DELAY_MS;
  if (step.retry?.backoff === 'fixed') return Math.min(base, MAX_RETRY_WAIT_MS);
  const full = Math.min(base * 2 ** Math.min(attempt - 1, 30), MAX_RETRY_WAIT_MS);
  return Math.round(full / 2 + random() * (full / 2));
}

/**
 * How a step says it failed. `retryable` (429, 5xx, network): the runner tries the step
 * again after its backoff, or after `retryAfterMs` when the provider named a wait, until
 * the step's attempts run out. Not retryable (any other 4xx, bad input): the step fails at
 * once and the message, the provider's words, is what the run history shows.
 */
export class StepError extends Error {
  override name = 'StepError';
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(message: string, options: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

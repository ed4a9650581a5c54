import { HttpError } from '../lib/http-error';

/**
 * A provider said no, could not be reached, or answered something Weft cannot read.
 * `kind` decides what Weft does:
 * - `unauthorized` marks a connection expired ("reconnect");
 * - `rejected` is a 400 with the provider's reason;
 * - `unavailable` (network, timeout, 5xx, rate limits after retries) is a 502 to retry
 *   later, with `Retry-After` when the provider said how long;
 * - `bad_answer`: a 2xx whose body is not what the call expects (another shape, too big).
 */
export type ProviderErrorKind = 'unauthorized' | 'rejected' | 'unavailable' | 'bad_answer';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    readonly providerName: string,
    message: string,
    readonly status?: number,
    /** How long the provider asked Weft to wait before trying again, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The answer a user gets for a provider's failure: `unavailable` is a 502 (with the
 * provider's `Retry-After`, so the extension's outbox waits that long), `bad_answer` a 502
 * `provider_bad_answer`, `rejected` a 400 with the provider's reason. `unauthorized` is the caller's to handle first (actions
 * mark the connection expired; a pasted key is simply refused).
 */
export function providerHttpError(error: ProviderError): HttpError {
  if (error.kind === 'unavailable') {
    const wait: Record<string, string> = error.retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)) };
    return new HttpError(502, 'provider_unavailable', error.message, wait);
  }
  // The provider's answer is at fault, not the request; after a write the message says to look before trying again.
  if (error.kind === 'bad_answer') return new HttpError(502, 'provider_bad_answer', error.message);
  return new HttpError(400, 'provider_rejected', error.message);
}

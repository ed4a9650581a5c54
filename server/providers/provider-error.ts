/**
 * A provider said no, or could not be reached. `kind` decides what Weft does:
 * `unauthorized` marks a connection expired ("reconnect"), `rejected` is a 400 with the
 * provider's reason, `unavailable` (network, 5xx, 429 after retries) is a 502 to retry later.
 */
export type ProviderErrorKind = 'unauthorized' | 'rejected' | 'unavailable';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    readonly providerName: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

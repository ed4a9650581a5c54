/**
 * Adds OAuth result parameters to a client's redirect URI, keeping any query it already
 * has (RFC 6749 §3.1.2 allows one) and skipping absent values such as a missing `state`.
 *
 * @example withParams('https://app.test/cb?x=1', { code: 'abc', state: undefined }) // 'https://app.test/cb?x=1&code=abc'
 */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(key, value);
  }
  return url.toString();
}

/** True for absolute http(s) URLs, the only redirect targets the emulators accept. */
export function isHttpUrl(value: string | undefined): value is string {
  if (value === undefined || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * Where an authorize request sends the browser back, by the app's registered redirect URLs:
 * the one it names if `accepts` allows it, else the first registered one when it names none.
 * `registered` empty means the app has no redirect URL, so nothing can be accepted; a
 * provider's app settings always have one, and a test stack must register Weft's callback.
 */
export function chooseRedirect(
  registered: readonly string[],
  sent: string | undefined,
  accepts: (registered: string, uri: string) => boolean,
): { ok: true; uri: string } | { ok: false; reason: 'none_registered' | 'invalid' | 'mismatch' } {
  if (registered.length === 0) return { ok: false, reason: 'none_registered' };
  const uri = sent ?? registered[0]!;
  if (!isHttpUrl(uri)) return { ok: false, reason: 'invalid' };
  return registered.some((r) => accepts(r, uri)) ? { ok: true, uri } : { ok: false, reason: 'mismatch' };
}

/** Simple string comparison (RFC 6749 §3.1.2.3), what HubSpot and Slack apply to their redirect URLs. */
export const sameUri = (registered: string, uri: string) => registered === uri;

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

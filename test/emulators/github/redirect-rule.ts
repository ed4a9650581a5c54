/**
 * GitHub's rule for an OAuth app's `redirect_uri` against its callback URL
 * (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#redirect-urls):
 * the callback's host or a subdomain of it, the same port, and the callback's path or a
 * subdirectory of it. A loopback callback (localhost, 127.0.0.1, [::1]) takes any port. The
 * scheme must match too, which the page does not spell out: a client must not count on more.
 *
 * @example githubAcceptsRedirect('http://example.com/path', 'http://oauth.example.com/path/subdir') // true
 * @example githubAcceptsRedirect('http://example.com/path', 'http://example.com/bar') // false
 */
export function githubAcceptsRedirect(callback: string, redirectUri: string): boolean {
  if (!URL.canParse(callback) || !URL.canParse(redirectUri)) return false;
  const registered = new URL(callback);
  const sent = new URL(redirectUri);
  if (sent.protocol !== registered.protocol || sent.username || sent.password) return false;
  const sameHost = sent.hostname === registered.hostname || sent.hostname.endsWith(`.${registered.hostname}`);
  const anyPort = LOOPBACK.has(registered.hostname) && sent.hostname === registered.hostname;
  const base = registered.pathname.endsWith('/') ? registered.pathname : `${registered.pathname}/`;
  const underPath = sent.pathname === registered.pathname || sent.pathname.startsWith(base);
  return sameHost && (anyPort || sent.port === registered.port) && underPath;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

import type { Hono } from 'hono';

/**
 * Plays the user on an emulator's consent page over HTTP: opens the authorize URL, checks
 * it is the consent page (both buttons), submits Approve or Deny as the form would, and
 * returns where the provider sends the browser (Weft's callback, or the error redirect).
 *
 * `provider` is the emulator's Hono app (in-process, `app.request()`) or `fetch` (an
 * emulator listening on a port). Redirects are never followed: the redirect is the answer.
 */
export async function answerConsent(provider: Hono | typeof fetch, authorizeUrl: string, decision: 'approve' | 'deny'): Promise<URL> {
  const request = (url: string, init: RequestInit = {}) =>
    typeof provider === 'function' ? provider(url, { ...init, redirect: 'manual' }) : provider.request(url, init);
  // A relative URL (an in-process app) still needs a base to resolve the form's action against.
  const base = new URL(authorizeUrl, 'http://emulator.invalid');
  const page = await request(base.toString());
  const html = await page.text();
  if (page.status !== 200 || !html.includes('id="approve"') || !html.includes('id="deny"')) {
    throw new Error(`Expected a consent page at ${authorizeUrl}, got ${page.status}: ${html.slice(0, 200)}`);
  }
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!requestId || !action) throw new Error(`The consent page at ${authorizeUrl} has no form to answer.`);
  const answer = await request(new URL(decodeHtml(action), base).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: decodeHtml(requestId), decision }).toString(),
  });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`The consent answer did not redirect: ${answer.status} ${await answer.text()}`);
  return new URL(location);
}

/** The consent page escapes attribute values as numeric character references (`&#38;`). */
function decodeHtml(value: string): string {
  return value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

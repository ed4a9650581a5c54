import type { Hono } from 'hono';

/**
 * A fetch that answers from in-process emulator apps by origin, e.g.
 * `{ 'http://github.test': createGithubEmulator().app }`. The server under test uses it
 * exactly as it uses the real fetch; only the network hop is skipped. Unknown origins
 * fail like an unreachable host does.
 */
export function emulatedFetch(apps: Record<string, Hono>): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const app = apps[new URL(request.url).origin];
    if (!app) throw new TypeError(`fetch failed: no emulator for ${new URL(request.url).origin}`);
    return app.request(request);
  }) as typeof fetch;
}

/**
 * Plays the user on an emulator's consent page: opens the authorize URL, presses
 * Approve or Deny, and returns where the provider redirects the browser (the callback).
 */
export async function answerConsent(app: Hono, authorizeUrl: string, decision: 'approve' | 'deny'): Promise<URL> {
  const page = await app.request(authorizeUrl);
  const html = await page.text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!requestId || !action) throw new Error(`No consent form at ${authorizeUrl}: ${page.status} ${html.slice(0, 200)}`);
  const answer = await app.request(new URL(action, authorizeUrl).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision }).toString(),
  });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`Consent answer did not redirect: ${answer.status}`);
  return new URL(location);
}

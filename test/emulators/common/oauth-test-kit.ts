import { createHash, randomBytes } from 'node:crypto';
import type { Hono } from 'hono';

/**
 * Helpers for emulator tests: play the user on a consent page and the client in PKCE,
 * through `app.request()` only.
 */

/** A fresh RFC 7636 verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A form-encoded POST, as OAuth clients send to token endpoints. */
export function formPost(params: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  };
}

/** Opens the authorize URL, checks the page has both buttons, clicks one; returns where the provider redirects. */
export async function answerConsent(app: Hono, authorizeUrl: string, decision: 'approve' | 'deny'): Promise<URL> {
  const page = await app.request(authorizeUrl);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('id="approve"') || !html.includes('id="deny"')) {
    throw new Error(`expected a consent page, got ${page.status}: ${html.slice(0, 200)}`);
  }
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!requestId || !action) throw new Error('consent page has no form');
  const answer = await app.request(action, formPost({ request_id: requestId, decision }));
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location) throw new Error(`expected a redirect, got ${answer.status}`);
  return new URL(location);
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

import { createHash, randomBytes } from 'node:crypto';

/**
 * Helpers for emulator tests: play the OAuth client (PKCE, form posts, Basic auth) through
 * `app.request()` only. The user's side, the consent page, is test/support/consent.ts.
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

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isIP } from 'node:net';

/**
 * The caller's IP for throttling. Behind `trustedProxies` reverse proxies (WEFT_TRUST_PROXY)
 * it comes from X-Forwarded-For, else from the socket.
 */
export function clientIp(c: Context, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const forwarded = forwardedClient(c.req.header('x-forwarded-for'), trustedProxies);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'local';
  }
}

/**
 * Each proxy appends the address it received the request from, so only the last
 * `trustedProxies` entries were written by proxies you run; anything before them came
 * with the request and is whatever the client chose to send. The client is the entry the
 * outermost trusted proxy added: `trustedProxies` from the end. With fewer entries than
 * that, the leftmost one (still written by one of your proxies) is the best there is.
 *
 * @example forwardedClient('6.6.6.6, 203.0.113.7', 1) // '203.0.113.7' (the spoofed 6.6.6.6 is ignored)
 * @example forwardedClient('6.6.6.6, 203.0.113.7, 10.0.0.2', 2) // '203.0.113.7' (a CDN in front of nginx)
 */
export function forwardedClient(header: string | undefined, trustedProxies: number): string | undefined {
  const entries = (header ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return undefined;
  const entry = entries[Math.max(0, entries.length - trustedProxies)]!;
  return isIP(entry) ? entry : undefined;
}

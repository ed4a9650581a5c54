import type { MiddlewareHandler } from 'hono';
import { pageContentSecurityPolicy } from './html-page';

/**
 * Headers for every HTML response the server sends. A page on the server's origin is
 * trusted by whoever reads it, so it must not run anything, be framed (clickjacking),
 * be sniffed into another type, or leak its URL (an OAuth grant id) in a Referer.
 */
export const htmlSecurityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
  c.res.headers.set('Content-Security-Policy', pageContentSecurityPolicy);
  c.res.headers.set('X-Frame-Options', 'DENY');
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'no-referrer');
};

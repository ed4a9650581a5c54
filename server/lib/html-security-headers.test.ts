import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { htmlSecurityHeaders } from './html-security-headers';

describe('htmlSecurityHeaders', () => {
  const app = new Hono()
    .use(htmlSecurityHeaders)
    .get('/page', (c) => c.html('<p>hi</p>'))
    .get('/api', (c) => c.json({ ok: true }));

  it('guards every HTML response', async () => {
    const res = await app.request('/page');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('leaves other responses alone', async () => {
    const res = await app.request('/api');
    expect(res.headers.get('content-security-policy')).toBeNull();
    expect(await res.json()).toEqual({ ok: true });
  });
});

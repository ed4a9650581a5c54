import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { githubTestApp } from '../testing/oauth-setup';
import type { TestApp } from '../testing/test-app';

let t: TestApp | undefined;

/**
 * Issue 7, item 9: `/oauth/result` is a page on the server's origin, so whatever it
 * says carries the server's authority. It shows only the server's own sentences, chosen
 * by code, and is sent with headers that keep it from running, framing or leaking.
 */
const attackerText = 'Your account is suspended. Call +1 555 0100 and read them your password';
const attacks = [
  `/oauth/result?status=connected&provider=github&message=${encodeURIComponent(attackerText)}`,
  `/oauth/result?status=denied&provider=github&message=${encodeURIComponent(attackerText)}`,
  `/oauth/result?status=${encodeURIComponent(attackerText)}&provider=${encodeURIComponent(attackerText)}`,
  `/oauth/result?provider=${encodeURIComponent('<img src=x onerror=alert(1)>')}&message=${encodeURIComponent('<b>hi</b>')}`,
  `/oauth/result?grant=${encodeURIComponent(attackerText)}&message=${encodeURIComponent(attackerText)}`,
];

async function page(path: string) {
  const res = await t!.app.request(path);
  return { res, body: await res.text() };
}

forEachEngine('/oauth/result', (engine) => {
  // The page only reads: one app for every case.
  beforeAll(async () => {
    t = (await githubTestApp({ engine })).t;
  });
  afterAll(async () => {
    await t?.close();
    t = undefined;
  });

  it.each(attacks)('never shows text from the query: %s', async (path) => {
    const { res, body } = await page(path);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(body).not.toContain('suspended');
    expect(body).not.toContain('555');
    expect(body).not.toMatch(/<img|onerror|<b>hi/);
    expect(body).not.toContain('hi</b>');
  });

  it('shows success only for a real grant: status=connected in the query is an error page', async () => {
    const { res, body } = await page('/oauth/result?status=connected&provider=github');
    expect(res.status).toBe(400);
    expect(body).toContain('GitHub: Something went wrong');
    expect(body).not.toMatch(/GitHub: Connected/);
  });

  it('names the provider only from the catalog, by id', async () => {
    expect((await page('/oauth/result?status=denied&provider=hubspot')).body).toContain('HubSpot: Access was not granted');
    expect((await page('/oauth/result?status=denied&provider=Evil%20Corp')).body).toContain('Weft: Access was not granted');
  });

  it.each(['/oauth/result?status=denied&provider=github', '/oauth/result?grant=unknown', '/oauth/result'])(
    'is sent with CSP, X-Frame-Options, nosniff and no-referrer: %s',
    async (path) => {
      const { res, body } = await page(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'", "img-src 'self'"]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
      expect(body).not.toMatch(/<script/i);
      // The page's only stylesheet is allowed by its hash, so the policy does not break it.
      const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
      expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    },
  );
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../store/engine';
import { forEachEngine } from '../store/testing/engines';
import { createHubspotEmulator } from '../../test/emulators/hubspot';
import { emulatorEnv } from '../../test/support/stack-env';
import { emulatedFetch } from '../testing/emulated-fetch';
import { createTestApp, type TestApp } from '../testing/test-app';

const HUBSPOT = 'http://hubspot.test';
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function hubspotApp(engine: Engine, env: Record<string, string> = {}) {
  const hubspot = createHubspotEmulator();
  t = await createTestApp(
    { ...emulatorEnv('hubspot', HUBSPOT, { oauthApp: false }), ...env },
    { fetch: emulatedFetch({ [HUBSPOT]: hubspot.app }), engine },
  );
  return { t, hubspot };
}

forEachEngine('connect with a HubSpot private-app token', (engine) => {
  it('checks the token at account-info, then stores it; the portal id is the account', async () => {
    const { t, hubspot } = await hubspotApp(engine);
    const { token } = await t.signUp();
    const pat = hubspot.issueToken();
    const res = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', name: 'Sales portal', credentials: { token: pat } } });
    expect(res.status).toBe(201);
    expect(res.json.connection).toMatchObject({ provider: 'hubspot', name: 'Sales portal', authMode: 'api_key', status: 'active', account: { id: '62515' } });
    expect(hubspot.stats.identityCalls).toBe(1);
    expect(res.text).not.toContain(pat);
  });

  it("a bad token is a 400 with HubSpot's reason, and nothing is stored", async () => {
    const { t } = await hubspotApp(engine);
    const { token } = await t.signUp();
    const res = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', credentials: { token: 'pat-na1-00000000-0000-0000-0000-000000000000' } } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('provider_rejected');
    expect(res.json.error.message).toMatch(/^HubSpot rejected the credentials: .+/);
    expect(await t.deps.db.selectFrom('connections').selectAll().execute()).toEqual([]);
  });

  it('HubSpot down (500s) is a 502 "try again", not a rejected token; nothing is stored', async () => {
    const { t, hubspot } = await hubspotApp(engine);
    const { token } = await t.signUp();
    hubspot.failNext('/account-info', 500, 5);
    const res = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', credentials: { token: hubspot.issueToken() } } });
    expect(res.status).toBe(502);
    expect(res.json.error.message).toMatch(/HubSpot is not answering right now/);
    expect(await t.deps.db.selectFrom('connections').selectAll().execute()).toEqual([]);
  });

  it('a single 429 is retried no sooner than its Retry-After says, and the connect succeeds', async () => {
    const hubspot = createHubspotEmulator();
    const upstream = emulatedFetch({ [HUBSPOT]: hubspot.app });
    // When each call to HubSpot left and when its answer came back, with the wait it asked for.
    const calls: { sent: number; answered: number; status: number; retryAfter: string | null }[] = [];
    const timed = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const sent = performance.now();
      const res = await upstream(input, init);
      calls.push({ sent, answered: performance.now(), status: res.status, retryAfter: res.headers.get('retry-after') });
      return res;
    }) as typeof fetch;
    t = await createTestApp({ WEFT_HUBSPOT_AUTH_URL: HUBSPOT, WEFT_HUBSPOT_API_URL: HUBSPOT }, { fetch: timed, engine });
    const { token } = await t.signUp();
    hubspot.failNext('/account-info', 429, 1);
    const res = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', credentials: { token: hubspot.issueToken() } } });
    expect(res.status).toBe(201);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    const [limited, retry] = calls as [(typeof calls)[0], (typeof calls)[0]];
    expect(limited.retryAfter).toBe('1');
    // Without the header Weft would retry after a jittered backoff under 0.5 s. Timers run off
    // the event loop's cached clock, so allow 1 ms against performance.now().
    expect(retry.sent - limited.answered).toBeGreaterThanOrEqual(Number(limited.retryAfter) * 1000 - 1);
  });

  it('Update credentials rotates the token only after the new one passes', async () => {
    const { t, hubspot } = await hubspotApp(engine);
    const { token } = await t.signUp();
    const first = hubspot.issueToken();
    const created = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', credentials: { token: first } } });
    const id = created.json.connection.id;
    const bad = await t.call('PATCH', `/api/connections/${id}`, { token, body: { credentials: { token: 'pat-na1-not-a-real-token' } } });
    expect(bad.status).toBe(400);
    const row = await t.deps.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow();
    expect(t.deps.tokens.decrypt(row).accessToken).toBe(first);

    const second = hubspot.issueToken();
    const ok = await t.call('PATCH', `/api/connections/${id}`, { token, body: { credentials: { token: second } } });
    expect(ok.status).toBe(200);
    expect(ok.json.connection.id).toBe(id);
    const rotated = await t.deps.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow();
    expect(t.deps.tokens.decrypt(rotated).accessToken).toBe(second);
  });

  it('refuses keys for providers Weft cannot check, and unknown providers', async () => {
    const { t } = await hubspotApp(engine);
    const { token } = await t.signUp();
    const mixpanel = await t.call('POST', '/api/connections', { token, body: { provider: 'mixpanel', credentials: { token: 'abcdefghijkl' } } });
    expect(mixpanel.status).toBe(400);
    expect(mixpanel.json.error.message).toMatch(/cannot check Mixpanel keys yet/);
    const nope = await t.call('POST', '/api/connections', { token, body: { provider: 'myspace', credentials: { token: 'abcdefghijkl' } } });
    expect(nope.status).toBe(404);
  });
});

describe('tokens at rest and in logs', () => {
  it("after connecting, the token's bytes are in neither the SQLite files nor the log", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-leak-'));
    const hubspot = createHubspotEmulator();
    const logLines: string[] = [];
    const { loadConfig } = await import('../config');
    const { buildDeps } = await import('../start');
    const { createApp } = await import('../app');
    const { createLogger } = await import('../lib/log');
    const deps = await buildDeps({
      config: loadConfig({ WEFT_DATA_DIR: dataDir, ...emulatorEnv('hubspot', HUBSPOT, { oauthApp: false }) }),
      log: createLogger((l) => logLines.push(l)),
      fetch: emulatedFetch({ [HUBSPOT]: hubspot.app }),
    });
    const app = createApp(deps);
    const post = (p: string, body: unknown, token?: string) =>
      app.request(p, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const { token } = await (await post('/api/auth/signup', { email: 'leak@example.com', password: 'correct horse battery' })).json();
    const pat = hubspot.issueToken();
    expect((await post('/api/connections', { provider: 'hubspot', credentials: { token: pat } }, token)).status).toBe(201);
    expect((await app.request('/api/connections', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // A bad token goes through the error path and its log lines too.
    const bad = `pat-na1-${randomBytes(16).toString('hex')}`;
    expect((await post('/api/connections', { provider: 'hubspot', credentials: { token: bad } }, token)).status).toBe(400);
    await deps.store.close();

    const needles = [pat, bad].map((s) => Buffer.from(s));
    const files = readdirSync(dataDir).filter((f) => f.startsWith('weft.db'));
    expect(files).toContain('weft.db');
    for (const file of files) {
      const bytes = readFileSync(path.join(dataDir, file));
      for (const needle of needles) expect(bytes.includes(needle), `${file} contains a token`).toBe(false);
    }
    const log = logLines.join('\n');
    expect(log).toContain('Connected with a key.');
    for (const s of [pat, bad]) expect(log).not.toContain(s);
  });
});

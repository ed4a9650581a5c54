import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../store/engine';
import { forEachEngine } from '../store/testing/engines';
import { createHubspotEmulator } from '../../test/emulators/hubspot';
import { emulatedFetch } from '../testing/emulated-fetch';
import { githubTestApp } from '../testing/oauth-setup';
import { createTestApp, type TestApp } from '../testing/test-app';

const HUBSPOT = 'http://hubspot.test';
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function hubspotApp(engine: Engine) {
  const hubspot = createHubspotEmulator();
  t = await createTestApp({ WEFT_HUBSPOT_AUTH_URL: HUBSPOT, WEFT_HUBSPOT_API_URL: HUBSPOT }, { fetch: emulatedFetch({ [HUBSPOT]: hubspot.app }), engine });
  const { token } = await t.signUp();
  const connect = (pat: string) => t!.call('POST', '/api/connections', { token, body: { provider: 'hubspot', credentials: { token: pat } } });
  /** Whether HubSpot (the emulator) accepts a token: proof of which credential a row holds. */
  const works = async (pat: string) =>
    (await hubspot.app.request(`${HUBSPOT}/account-info/v3/details`, { headers: { authorization: `Bearer ${pat}` } })).status === 200;
  return { t, hubspot, token, connect, works };
}

const rows = () => t!.deps.db.selectFrom('connections').selectAll().execute();
const storedToken = async () => {
  const all = await rows();
  expect(all).toHaveLength(1);
  return t!.deps.tokens.decrypt(all[0]!).accessToken;
};

/**
 * One provider account is one connection per workspace. Connecting it again renews that
 * connection; two connects at the same moment (a double click, two browsers, two consents
 * claimed together) must not both insert. A unique index on (workspace, provider, account,
 * auth mode) makes that a fact of the database, not of the order the awaits resume in.
 */
forEachEngine('connecting one account twice', (engine) => {
  it('two API-key connects of one HubSpot portal at the same moment leave one connection, holding a token HubSpot accepts', async () => {
    const s = await hubspotApp(engine);
    const [a, b] = [s.hubspot.issueToken(), s.hubspot.issueToken()];
    const answers = await Promise.all([s.connect(a), s.connect(b)]);
    const kept = await storedToken();
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(answers[0]!.json.connection.id).toBe(answers[1]!.json.connection.id);
    expect([a, b]).toContain(kept);
    expect(await s.works(kept)).toBe(true);
  });

  it('a later connect of the same portal renews the connection: same id, the new token stored, the old one gone', async () => {
    const s = await hubspotApp(engine);
    const old = s.hubspot.issueToken();
    const first = await s.connect(old);
    expect(first.status).toBe(201);
    const renewed = s.hubspot.issueToken();
    const second = await s.connect(renewed);
    expect(await storedToken()).toBe(renewed);
    expect(second.status).toBe(200);
    expect(second.json.connection).toMatchObject({ id: first.json.connection.id, status: 'active', account: { id: '62515' } });
    // The popup hears it as a reconnect, not as a second "connected".
    const changes = await t!.deps.db.selectFrom('events').select('payload').where('type', '=', 'connection.updated').execute();
    expect(changes.map((e) => JSON.parse(e.payload!).change.kind)).toEqual(['connected', 'reconnected']);
  });

  it('another portal is another connection', async () => {
    const s = await hubspotApp(engine);
    expect((await s.connect(s.hubspot.issueToken())).status).toBe(201);
    expect((await s.connect(s.hubspot.issueToken({ account: { portalId: 999 } }))).status).toBe(201);
    expect((await rows()).map((r) => r.account_id).sort()).toEqual(['62515', '999']);
  });

  it('rotating a key to one of a portal already connected as another connection is a 409 naming it; nothing changes', async () => {
    const s = await hubspotApp(engine);
    const main = await s.connect(s.hubspot.issueToken());
    const sandboxToken = s.hubspot.issueToken({ account: { portalId: 999 } });
    const sandbox = await s.connect(sandboxToken);
    const before = await rows();
    const other = s.hubspot.issueToken();
    const res = await t!.call('PATCH', `/api/connections/${sandbox.json.connection.id}`, { token: s.token, body: { credentials: { token: other } } });
    expect(res.status).toBe(409);
    expect(res.json.error).toEqual({
      code: 'conflict',
      message: `This HubSpot account is already connected as “${main.json.connection.name}”. Update that connection instead, or delete it first.`,
    });
    expect(await rows()).toEqual(before);
  });

  it('two GitHub consents for one account, claimed at the same moment, store one connection holding a live token', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token } = await s.t.signUp();
    // Two OAuth flows finished for the same GitHub user; neither claimed yet.
    const flows = [await s.connectGithub(token, 'approve', {}, { claimWith: null }), await s.connectGithub(token, 'approve', {}, { claimWith: null })];
    const claims = await Promise.all(flows.map((f) => s.t.call('POST', '/api/connections/claim', { token, body: { grant: f.result.grant } })));
    const kept = await storedToken();
    expect(claims.map((c) => c.status).sort()).toEqual([200, 201]);
    expect(claims[0]!.json.connection.id).toBe(claims[1]!.json.connection.id);
    const alive = await s.github.app.request('http://github.test/user', { headers: { authorization: `Bearer ${kept}` } });
    expect(alive.status).toBe(200);
    // Neither consent was discarded: both claims succeeded, so nothing was revoked.
    expect(s.github.stats.revocations).toBe(0);
  });
});

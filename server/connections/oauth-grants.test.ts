import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../store/engine';
import { forEachEngine } from '../store/testing/engines';
import { answerConsent } from '../../test/support/consent';
import { followCallback, githubTestApp } from '../testing/oauth-setup';
import type { TestApp } from '../testing/test-app';
import { sweepExpiredGrants } from './claim';
import { grantAad, type GrantCredentials } from './pending-grants';
import { tokenAad } from './vault-check';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/**
 * Issue 7, item 2: a consent URL started by user B and completed in someone else's
 * browser must not put that person's provider account into B's workspace. The callback
 * only holds a grant; the user who started the flow must claim it with their own session.
 */
async function setup(engine: Engine) {
  const s = await githubTestApp({ engine });
  t = s.t;
  const attacker = await t.signUp('b@example.com');
  const victim = await t.signUp('v@example.com');
  /** B starts the flow and hands the consent URL to the victim, whose browser completes it. */
  async function victimCompletesAttackersLink() {
    const start = await s.t.call('POST', '/api/connections/github/authorize', { token: attacker.token });
    const callback = await answerConsent(s.github.app, start.json.url, 'approve');
    const landed = await followCallback(s.t, callback);
    return { consentUrl: new URL(start.json.url), grant: landed.result.grant!, landed };
  }
  const connectionsOf = async (token: string) => (await s.t.call('GET', '/api/connections', { token })).json.connections;
  const claim = (token: string, grant: string) => s.t.call('POST', '/api/connections/claim', { token, body: { grant } });
  /** The access token a grant holds, read the way only the server can. */
  async function grantToken() {
    const row = await s.t.deps.db.selectFrom('oauth_grants').selectAll().where('state', '=', 'pending').executeTakeFirstOrThrow();
    return (JSON.parse(s.t.deps.vault.open(row.tokens!, grantAad(row.id_hash))) as GrantCredentials).accessToken;
  }
  /** Whether GitHub (the emulator) still accepts a token. */
  const alive = async (token: string) => (await s.github.app.request('http://github.test/user', { headers: { authorization: `Bearer ${token}` } })).status === 200;
  return { ...s, attacker, victim, victimCompletesAttackersLink, connectionsOf, claim, grantToken, alive };
}

forEachEngine('OAuth grants are claimed only by the user who started the flow', (engine) => {
  it("the attacker's consent URL completed by the victim stores nothing in the attacker's workspace", async () => {
    const s = await setup(engine);
    const { consentUrl, grant, landed } = await s.victimCompletesAttackersLink();
    // The victim's browser lands on a page that stores nothing and says where to finish.
    expect(landed.location.pathname).toBe('/oauth/result');
    const page = await (await s.t.app.request(landed.location.pathname + landed.location.search)).text();
    expect(page).toMatch(/open the Weft extension in the browser where you started/);
    expect(await s.connectionsOf(s.attacker.token)).toEqual([]);
    expect(await s.t.deps.db.selectFrom('connections').selectAll().execute()).toEqual([]);

    // What B holds (the consent URL and its state) claims nothing.
    const state = consentUrl.searchParams.get('state')!;
    expect((await s.claim(s.attacker.token, state)).status).toBe(404);
    expect(await s.connectionsOf(s.attacker.token)).toEqual([]);
    // The grant is still the victim's to discard, untouched by B's attempt.
    expect(grant.length).toBeGreaterThanOrEqual(43);
  });

  it("another user's claim is a 404, discards the grant and revokes the token at GitHub", async () => {
    const s = await setup(engine);
    const { grant } = await s.victimCompletesAttackersLink();
    const token = await s.grantToken();
    expect(await s.alive(token)).toBe(true);

    const wrong = await s.claim(s.victim.token, grant);
    expect(wrong.status).toBe(404);
    expect(wrong.json.error.code).toBe('not_found');
    expect(await s.alive(token)).toBe(false);
    expect(s.github.stats.revocations).toBe(1);
    const row = await s.t.deps.db.selectFrom('oauth_grants').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'discarded', tokens: null });

    // Gone: not even the user who started it can claim it now.
    expect((await s.claim(s.attacker.token, grant)).status).toBe(404);
    expect(await s.connectionsOf(s.attacker.token)).toEqual([]);
    expect(await s.connectionsOf(s.victim.token)).toEqual([]);
    const page = await (await s.t.app.request(`/oauth/result?grant=${grant}`)).text();
    expect(page).toMatch(/started from a different Weft account/);
    expect(page).not.toContain('b@example.com');
  });

  it('the starting user claims once: a second claim, or two at the same moment, store one connection', async () => {
    const s = await setup(engine);
    const start = await s.t.call('POST', '/api/connections/github/authorize', { token: s.attacker.token });
    const callback = await answerConsent(s.github.app, start.json.url, 'approve');
    const { grant } = (await followCallback(s.t, callback)).result;
    const [a, b] = await Promise.all([s.claim(s.attacker.token, grant!), s.claim(s.attacker.token, grant!)]);
    expect([a.status, b.status].sort()).toEqual([201, 404]);
    expect((await s.claim(s.attacker.token, grant!)).status).toBe(404);
    const list = await s.connectionsOf(s.attacker.token);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ provider: 'github', account: { label: 'octocat' }, createdBy: s.attacker.user.id });
    // Nothing revoked: the stored token still works at GitHub.
    expect(s.github.stats.revocations).toBe(0);
    expect((await s.t.call('POST', `/api/connections/${list[0].id}/test`, { token: s.attacker.token })).json.ok).toBe(true);

    // The page names the Weft account that received it.
    const page = await (await s.t.app.request(`/oauth/result?grant=${grant}`)).text();
    expect(page).toMatch(/GitHub account <strong id="provider-account">octocat<\/strong> is connected to the Weft account <strong id="weft-account">b@example\.com<\/strong>/);
  });

  it('an unclaimed grant expires after 10 minutes: no claim works, and the sweep deletes it and revokes the token', async () => {
    const s = await setup(engine);
    const { grant } = await s.victimCompletesAttackersLink();
    const token = await s.grantToken();
    const expiresAt = Date.parse((await s.t.deps.db.selectFrom('oauth_grants').select('expires_at').executeTakeFirstOrThrow()).expires_at);
    expect(expiresAt - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(10 * 60_000);
    await s.t.deps.db.updateTable('oauth_grants').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();

    expect((await s.claim(s.attacker.token, grant)).status).toBe(404);
    expect(await s.connectionsOf(s.attacker.token)).toEqual([]);
    expect(await s.alive(token)).toBe(true);

    await sweepExpiredGrants(s.t.deps);
    expect(await s.t.deps.db.selectFrom('oauth_grants').selectAll().execute()).toEqual([]);
    expect(await s.alive(token)).toBe(false);
    expect(await (await s.t.app.request(`/oauth/result?grant=${grant}`)).text()).toMatch(/no longer valid/);
  });

  it('a Reconnect goes through the same claim: renewed only by its own user, untouched by anyone else', async () => {
    const s = await setup(engine);
    await s.connectGithub(s.attacker.token);
    const [first] = await s.connectionsOf(s.attacker.token);
    await s.t.deps.db.updateTable('connections').set({ status: 'expired', status_reason: 'x' }).execute();

    const stranger = await s.connectGithub(s.attacker.token, 'approve', { connectionId: first.id }, { claimWith: s.victim.token });
    expect(stranger.outcome).toBe('claim 404');
    expect((await s.connectionsOf(s.attacker.token))[0]).toMatchObject({ id: first.id, status: 'expired' });

    const own = await s.connectGithub(s.attacker.token, 'approve', { connectionId: first.id });
    expect(own.outcome).toBe('connected');
    expect(await s.connectionsOf(s.attacker.token)).toEqual([expect.objectContaining({ id: first.id, status: 'active' })]);
  });

  it('a discarded grant is not revoked when a stored connection holds the very same token', async () => {
    // Some providers (Slack's bot tokens) hand out the same token again on a second
    // consent: revoking it would cut off the connection already in use.
    const s = await setup(engine);
    await s.connectGithub(s.victim.token);
    const [own] = await s.connectionsOf(s.victim.token);
    const { grant } = await s.victimCompletesAttackersLink();
    const token = await s.grantToken();
    const sealed = s.t.deps.vault.seal(token, tokenAad(own.id, 'access_token'));
    await s.t.deps.db.updateTable('connections').set({ access_token: sealed }).where('id', '=', own.id).execute();

    expect((await s.claim(s.victim.token, grant)).status).toBe(404);
    expect(await s.alive(token)).toBe(true);
    expect(s.github.stats.revocations).toBe(0);
    expect((await s.t.call('POST', `/api/connections/${own.id}/test`, { token: s.victim.token })).json.ok).toBe(true);
  });

  it('a Reconnect whose connection was deleted before the claim stores a new connection', async () => {
    const s = await setup(engine);
    await s.connectGithub(s.attacker.token);
    const [first] = await s.connectionsOf(s.attacker.token);
    const again = await s.connectGithub(s.attacker.token, 'approve', { connectionId: first.id }, { claimWith: null });
    await s.t.call('DELETE', `/api/connections/${first.id}`, { token: s.attacker.token });
    expect((await s.claim(s.attacker.token, again.result.grant!)).status).toBe(201);
    const list = await s.connectionsOf(s.attacker.token);
    expect(list).toHaveLength(1);
    expect(list[0].id).not.toBe(first.id);
  });

  it('a claim needs a session and a grant', async () => {
    const s = await setup(engine);
    const { grant } = await s.victimCompletesAttackersLink();
    expect((await s.t.call('POST', '/api/connections/claim', { body: { grant } })).status).toBe(401);
    const empty = await s.t.call('POST', '/api/connections/claim', { token: s.attacker.token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.error.code).toBeDefined();
    expect((await s.claim(s.attacker.token, 'x'.repeat(43))).status).toBe(404);
  });
});

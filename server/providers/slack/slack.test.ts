import { afterEach, expect, it } from 'vitest';
import { createSlackEmulator } from '../../../test/emulators/slack';
import { oauthTestApp, registeredCallback } from '../../testing/oauth-setup';
import { forEachEngine } from '../../store/testing/engines';
import type { TestApp } from '../../testing/test-app';
import { tokenAad } from '../../connections/vault-check';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const authTest = async (slack: ReturnType<typeof createSlackEmulator>, token: string) =>
  (await slack.app.request('/api/auth.test', { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json();

forEachEngine('Slack quirks', (engine) => {
  it('OAuth v2: comma-joined scopes, a "bot" token type, the team as the account; revoke with auth.revoke', async () => {
    const slack = createSlackEmulator(registeredCallback('slack'));
    const s = await oauthTestApp('slack', slack.app, { engine });
    t = s.t;
    const { token } = await t.signUp();
    const { authorizeUrl, outcome } = await s.connect(token);
    expect(authorizeUrl.searchParams.get('scope')).toBe('chat:write,channels:read,channels:history,team:read');
    expect(authorizeUrl.searchParams.has('code_challenge')).toBe(false);
    expect(outcome).toBe('connected');
    const [connection] = (await t.call('GET', '/api/connections', { token })).json.connections;
    expect(connection).toMatchObject({ provider: 'slack', status: 'active', account: { id: expect.stringMatching(/^T/) } });
    expect(connection.scopes).toEqual(['chat:write', 'channels:read', 'channels:history', 'team:read']);

    const { accessToken } = t.deps.tokens.decrypt(await t.deps.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow());
    expect(await authTest(slack, accessToken)).toEqual(expect.objectContaining({ ok: true }));
    const del = await t.call('DELETE', `/api/connections/${connection.id}`, { token });
    expect(del.json).toMatchObject({ deleted: true, revoked: true, message: `Deleted ${connection.name}. Access was revoked at Slack.` });
    // Dead at Slack: the bot token is refused, and the revocation was counted once.
    expect(await authTest(slack, accessToken)).toEqual({ ok: false, error: 'token_revoked' });
    expect(slack.stats.revocations).toBe(1);
  });

  it('deleting a connection whose token Slack no longer knows (invalid_auth) is not reported as revoked', async () => {
    const slack = createSlackEmulator(registeredCallback('slack'));
    const s = await oauthTestApp('slack', slack.app, { engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    // The stored token is one Slack never issued (a workspace reinstalled elsewhere, a token from another app).
    const row = await t.deps.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow();
    const sealed = t.deps.vault.seal('xoxb-1-2-not-issued-by-slack', tokenAad(row.id, 'access_token'));
    await t.deps.db.updateTable('connections').set({ access_token: sealed }).execute();

    const del = await t.call('DELETE', `/api/connections/${connection.id}`, { token });
    expect(del.json).toMatchObject({ deleted: true, revoked: false });
    expect(del.json.message).toBe(
      `Deleted ${connection.name}. Slack did not confirm that access was revoked (Slack did not revoke the token: the token is not valid); remove the app's access there too.`,
    );
    expect(slack.stats.revocations).toBe(0);
    expect(slack.stats.requests).toContainEqual({ method: 'POST', path: '/api/auth.revoke', status: 200 });
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toEqual([]);
  });

  it('an "ok: false" answer from oauth.v2.access (HTTP 200) is a failed exchange, and nothing is stored', async () => {
    const slack = createSlackEmulator(registeredCallback('slack'));
    const s = await oauthTestApp('slack', slack.app, { engine });
    t = s.t;
    const { token } = await t.signUp();
    const start = await t.call('POST', '/api/connections/slack/authorize', { token });
    const state = new URL(start.json.url).searchParams.get('state')!;
    const res = await t.app.request(`/oauth/slack/callback?code=forged&state=${state}`);
    const result = new URL(res.headers.get('location')!, 'http://x').searchParams;
    expect(result.get('status')).toBe('exchange_failed');
    // Slack's own words stay in the server's log; the result URL carries the code only.
    expect(t.logLines.join('\n')).toMatch(/Slack answered: invalid_code/);
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toEqual([]);
  });

  it('Test on a revoked bot token marks the connection expired with Slack’s reason', async () => {
    const slack = createSlackEmulator(registeredCallback('slack'));
    const s = await oauthTestApp('slack', slack.app, { engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    slack.expireAccessTokens();
    const res = await t.call('POST', `/api/connections/${connection.id}/test`, { token });
    expect(res.json.ok).toBe(false);
    expect(res.json.connection.status).toBe('expired');
    expect(res.json.connection.statusReason).toMatch(/^Slack rejected the credentials: /);
  });
});

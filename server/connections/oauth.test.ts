import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { followCallback, githubTestApp } from '../testing/oauth-setup';
import type { TestApp } from '../testing/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

forEachEngine('OAuth connect (GitHub emulator)', (engine) => {
  it('connects: PKCE S256 and a state go out, the callback holds a grant, the starting user claims it', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token } = await t.signUp();
    const { authorizeUrl, result, redirectStatus, claim, outcome } = await s.connectGithub(token);
    expect(authorizeUrl.origin).toBe('http://github.test');
    expect(authorizeUrl.pathname).toBe('/login/oauth/authorize');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    // The emulator refuses any redirect_uri but this registered one, at authorize and at the
    // code exchange, so connecting at all shows Weft sent its callback both times.
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe('http://weft.test/oauth/github/callback');
    expect(authorizeUrl.searchParams.get('scope')).toBe('repo read:user user:email');
    expect(redirectStatus).toBe(303);
    expect(Object.keys(result)).toEqual(['grant', 'provider']);
    expect(result.grant!.length).toBeGreaterThanOrEqual(43);
    expect(outcome).toBe('connected');
    expect(claim!.json.connection).toMatchObject({ provider: 'github', account: { label: 'octocat' } });

    const list = await t.call('GET', '/api/connections', { token });
    expect(list.json.connections).toHaveLength(1);
    const [connection] = list.json.connections;
    expect(connection).toMatchObject({ provider: 'github', status: 'active', authMode: 'oauth2', account: { label: 'octocat' } });
    expect(connection.scopes).toEqual(expect.arrayContaining(['repo']));
    expect(JSON.stringify(list.json)).not.toMatch(/gho_|ghu_|ghr_|access_token|refresh_token/);
  });

  it('goes through only because GitHub has its callback registered: registered elsewhere, GitHub refuses and nothing is stored', async () => {
    // The app registered another Weft's callback (an old domain, a typo in the settings).
    const s = await githubTestApp({ redirectUris: ['http://old-weft.test/oauth/github/callback'], engine });
    t = s.t;
    const { token } = await t.signUp();
    const start = await t.call('POST', '/api/connections/github/authorize', { token });
    expect(new URL(start.json.url).searchParams.get('redirect_uri')).toBe('http://weft.test/oauth/github/callback');
    const res = await s.github.app.request(start.json.url);
    // GitHub sends the browser to the registered callback with the error, never a code to Weft's.
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.origin).toBe('http://old-weft.test');
    expect(back.searchParams.get('error')).toBe('redirect_uri_mismatch');
    expect(back.searchParams.has('code')).toBe(false);
    expect(s.github.stats.approvals).toBe(0);
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toEqual([]);
  });

  it('a denied consent stores nothing and the result page says what happened', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token } = await t.signUp();
    const { result, location } = await s.connectGithub(token, 'deny');
    expect(result).toEqual({ status: 'denied', provider: 'github' });
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toHaveLength(0);
    const page = await (await t.app.request(location.pathname + location.search)).text();
    expect(page).toContain('GitHub: Access was not granted');
    expect(page).toMatch(/declined to give Weft access to GitHub/);
  });

  it('a state works once: replaying the callback is refused and stores nothing more', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token } = await t.signUp();
    const first = await s.connectGithub(token);
    expect(first.outcome).toBe('connected');
    const replay = await followCallback(t, first.callback);
    expect(replay.result).toEqual({ status: 'invalid_state', provider: 'github' });
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toHaveLength(1);
  });

  it('refuses a state that is unknown, for another provider, or older than 10 minutes', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token } = await t.signUp();
    const forged = await followCallback(t, new URL('http://weft.test/oauth/github/callback?code=abc&state=made-up'));
    expect(forged.result.status).toBe('invalid_state');
    const missing = await followCallback(t, new URL('http://weft.test/oauth/github/callback?code=abc'));
    expect(missing.result.status).toBe('invalid_state');

    const start = await t.call('POST', '/api/connections/github/authorize', { token });
    await t.deps.db.updateTable('oauth_states').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    const state = new URL(start.json.url).searchParams.get('state')!;
    const late = await followCallback(t, new URL(`http://weft.test/oauth/github/callback?code=abc&state=${state}`));
    expect(late.result.status).toBe('invalid_state');
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toHaveLength(0);
  });

  it('a failed code exchange (GitHub answers 200 with an error) stores nothing and shows the reason', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token } = await t.signUp();
    const start = await t.call('POST', '/api/connections/github/authorize', { token });
    const state = new URL(start.json.url).searchParams.get('state')!;
    const bad = await followCallback(t, new URL(`http://weft.test/oauth/github/callback?code=not-a-code&state=${state}`));
    expect(bad.result).toEqual({ status: 'exchange_failed', provider: 'github' });
    expect(t.logLines.join('\n')).toMatch(/GitHub answered: .*(incorrect|expired)/i);
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toHaveLength(0);
  });

  it('Reconnect renews the same connection instead of adding one', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token, connection: first } = await s.signUpAndConnect();
    await t.deps.db.updateTable('connections').set({ status: 'expired', status_reason: 'x' }).execute();
    const again = await s.connectGithub(token, 'approve', { connectionId: first.id });
    expect(again.outcome).toBe('connected');
    const list = (await t.call('GET', '/api/connections', { token })).json.connections;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: first.id, status: 'active', statusReason: null });
  });

  it('a provider without app credentials is "not configured" with the env vars to set', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token } = await t.signUp();
    const providers = (await t.call('GET', '/api/providers', { token })).json.providers;
    const slack = providers.find((p: { id: string }) => p.id === 'slack');
    expect(slack).toMatchObject({ configured: false, missingEnv: ['WEFT_SLACK_CLIENT_ID', 'WEFT_SLACK_CLIENT_SECRET'] });
    expect(providers.find((p: { id: string }) => p.id === 'github')).toMatchObject({ configured: true, missingEnv: [] });
    const start = await t.call('POST', '/api/connections/slack/authorize', { token });
    expect(start.status).toBe(503);
    expect(start.json.error.message).toMatch(/WEFT_SLACK_CLIENT_ID/);
  });
});

import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { githubTestApp } from '../testing/oauth-setup';
import type { TestApp } from '../testing/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const expireSoon = (t: TestApp) =>
  t.deps.db.updateTable('connections').set({ expires_at: new Date(Date.now() + 60_000).toISOString() }).execute();

forEachEngine('token refresh (GitHub App user tokens: ghu_ 8 h + rotating ghr_)', (engine) => {
  it('10 concurrent callers of a connection about to expire share exactly one refresh', async () => {
    const s = await githubTestApp({ accessTokenTtlSeconds: 28_800, engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    expect(connection.expiresAt).not.toBeNull();
    await expireSoon(t);
    s.github.resetStats();

    const results = await Promise.all(Array.from({ length: 10 }, () => t!.call('POST', `/api/connections/${connection.id}/test`, { token })));
    expect(results.map((r) => r.json.ok)).toEqual(Array(10).fill(true));
    expect(s.github.stats.tokenRequests.refresh_token).toBe(1);
    const after = (await t.call('GET', '/api/connections', { token })).json.connections[0];
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 7 * 3600_000);
    // The rotated pair was stored: a later refresh uses the new refresh token and succeeds.
    await expireSoon(t);
    expect((await t.call('POST', `/api/connections/${connection.id}/test`, { token })).json.ok).toBe(true);
    expect(s.github.stats.tokenRequests.refresh_token).toBe(2);
  });

  it('a refresh the provider rejects marks the connection expired with the reason', async () => {
    const s = await githubTestApp({ accessTokenTtlSeconds: 28_800, engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    await expireSoon(t);
    s.github.revokeRefreshTokens();
    const test = await t.call('POST', `/api/connections/${connection.id}/test`, { token });
    expect(test.status).toBe(200);
    expect(test.json.ok).toBe(false);
    expect(test.json.connection.status).toBe('expired');
    expect(test.json.connection.statusReason).toMatch(/GitHub answered: .*Reconnect GitHub/);
  });

  it('the background sweep refreshes tokens that expire soon without anyone asking', async () => {
    const s = await githubTestApp({ accessTokenTtlSeconds: 28_800, engine });
    t = s.t;
    const { token } = await t.signUp();
    await s.connectGithub(token);
    await expireSoon(t);
    s.github.resetStats();
    await t.deps.tokens.refreshExpiring();
    expect(s.github.stats.tokenRequests.refresh_token).toBe(1);
  });
});

forEachEngine('test and delete', (engine) => {
  it('Test answers with the account; a token the provider no longer accepts marks it expired', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    const ok = await t.call('POST', `/api/connections/${connection.id}/test`, { token });
    expect(ok.json).toMatchObject({ ok: true, message: 'GitHub answered: connected as octocat.' });
    expect(ok.json.connection.lastUsedAt).not.toBeNull();

    s.github.expireAccessTokens();
    const bad = await t.call('POST', `/api/connections/${connection.id}/test`, { token });
    expect(bad.json.ok).toBe(false);
    expect(bad.json.connection.status).toBe('expired');
    expect(bad.json.connection.statusReason).toMatch(/GitHub rejected the credentials: Bad credentials. Reconnect GitHub/);
  });

  it('Test reports a provider outage without blaming the credential', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    s.github.failNext('/user', 500, 5);
    const res = await t.call('POST', `/api/connections/${connection.id}/test`, { token });
    expect(res.json.ok).toBe(false);
    expect(res.json.message).toMatch(/GitHub is not answering right now/);
    expect(res.json.connection.status).toBe('active');
  });

  it('Rename changes the name; Delete revokes at GitHub and removes the row', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    const renamed = await t.call('PATCH', `/api/connections/${connection.id}`, { token, body: { name: 'Work GitHub' } });
    expect(renamed.json.connection.name).toBe('Work GitHub');
    const empty = await t.call('PATCH', `/api/connections/${connection.id}`, { token, body: {} });
    expect(empty.status).toBe(400);

    const { accessToken } = t.deps.tokens.decrypt((await t.deps.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow()));
    const del = await t.call('DELETE', `/api/connections/${connection.id}`, { token });
    expect(del.json).toMatchObject({ deleted: true, revoked: true });
    expect(s.github.stats.revocations).toBe(1);
    const user = await s.github.app.request('/user', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(user.status).toBe(401);
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toHaveLength(0);
  });

  it('Delete of a token GitHub no longer honours removes the row and says GitHub did not confirm a revocation', async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    const { accessToken } = t.deps.tokens.decrypt(await t.deps.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow());
    // The user removed Weft in GitHub's settings: the grant and its token are gone there.
    const removed = await s.github.app.request('/applications/github-client-id/grant', {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from('github-client-id:github-client-secret').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: accessToken }),
    });
    expect(removed.status).toBe(204);
    s.github.resetStats();

    const del = await t.call('DELETE', `/api/connections/${connection.id}`, { token });
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({ deleted: true, revoked: false });
    expect(del.json.message).toMatch(/^Deleted octocat\. GitHub did not confirm that access was revoked \(GitHub refused the request: Not Found\); remove the app's access there too\.$/);
    expect(s.github.stats.revocations).toBe(0);
    expect(s.github.stats.requests).toContainEqual({ method: 'DELETE', path: '/applications/github-client-id/token', status: 404 });
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toHaveLength(0);
  });
});

forEachEngine('ownership', (engine) => {
  it("another user's connection is a 404 on every route, and never listed", async () => {
    const s = await githubTestApp({ engine });
    t = s.t;
    const alice = await t.signUp();
    const bob = await t.signUp();
    await s.connectGithub(alice.token);
    const [connection] = (await t.call('GET', '/api/connections', { token: alice.token })).json.connections;
    expect(connection.createdBy).toBe(alice.user.id);
    expect(connection.workspaceId).toBe(alice.user.workspaceId);

    expect((await t.call('GET', '/api/connections', { token: bob.token })).json.connections).toEqual([]);
    const attempts = [
      t.call('POST', `/api/connections/${connection.id}/test`, { token: bob.token }),
      t.call('PATCH', `/api/connections/${connection.id}`, { token: bob.token, body: { name: 'mine now' } }),
      t.call('PATCH', `/api/connections/${connection.id}`, { token: bob.token, body: { credentials: { token: 'ghp_xxxxxxxxxxxx' } } }),
      t.call('DELETE', `/api/connections/${connection.id}`, { token: bob.token }),
      t.call('POST', '/api/connections/github/authorize', { token: bob.token, body: { connectionId: connection.id } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('not_found');
    }
    const still = (await t.call('GET', '/api/connections', { token: alice.token })).json.connections;
    expect(still).toEqual([expect.objectContaining({ id: connection.id, name: connection.name })]);
  });
});

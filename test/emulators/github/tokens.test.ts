import { describe, expect, it } from 'vitest';
import { basicAuth, formPost } from '../common/oauth-test-kit';
import { createGithubEmulator } from './index';

const REDIRECT = 'https://weft.test/oauth/github/callback';
const CREDS = { client_id: 'github-client-id', client_secret: 'github-client-secret' };

type Github = ReturnType<typeof createGithubEmulator>;

async function signIn(github: Github): Promise<Record<string, string | number>> {
  const auth = await github.app.request(`/login/oauth/authorize?client_id=github-client-id&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=repo`);
  const code = new URL(auth.headers.get('location') ?? '').searchParams.get('code') ?? '';
  return (await github.app.request('/login/oauth/access_token', formPost({ ...CREDS, code }, { accept: 'application/json' }))).json();
}

const refresh = (github: Github, token: string | number | undefined) =>
  github.app.request('/login/oauth/access_token', formPost({ ...CREDS, grant_type: 'refresh_token', refresh_token: String(token) }, { accept: 'application/json' }));

const getUser = (github: Github, token: string | number | undefined) =>
  github.app.request('/user', { headers: { authorization: `token ${String(token)}` } });

describe('GitHub App user tokens (accessTokenTtlSeconds)', () => {
  it('issues expiring ghu_ tokens with a ghr_ refresh token and no scopes', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true, accessTokenTtlSeconds: 28800 });
    const tokens = await signIn(github);
    expect(tokens).toEqual({
      access_token: expect.stringMatching(/^ghu_/),
      expires_in: 28800,
      refresh_token: expect.stringMatching(/^ghr_[A-Za-z0-9]{76}$/),
      refresh_token_expires_in: 15897600,
      token_type: 'bearer',
      scope: '',
    });
    const user = await getUser(github, tokens.access_token);
    expect(user.status).toBe(200);
    expect(user.headers.has('x-oauth-scopes')).toBe(false);
  });

  it('rotates on refresh: the old refresh and access tokens die', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true, accessTokenTtlSeconds: 28800 });
    const first = await signIn(github);
    const second = await (await refresh(github, first.refresh_token)).json();
    expect(second.access_token).toMatch(/^ghu_/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await getUser(github, second.access_token)).status).toBe(200);
    expect((await getUser(github, first.access_token)).status).toBe(401);
    const reused = await refresh(github, first.refresh_token);
    expect(reused.status).toBe(200);
    expect(await reused.json()).toMatchObject({ error: 'bad_refresh_token' });
    expect(github.stats.tokenRequests.refresh_token).toBe(2);
  });

  it('expireAccessTokens → 401 Bad credentials; revokeRefreshTokens → bad_refresh_token', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true, accessTokenTtlSeconds: 60 });
    const tokens = await signIn(github);
    github.expireAccessTokens();
    const expired = await getUser(github, tokens.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    github.revokeRefreshTokens();
    expect((await (await refresh(github, tokens.refresh_token)).json()).error).toBe('bad_refresh_token');
  });
});

describe('GitHub token revocation', () => {
  it('DELETE /applications/{client_id}/token revokes a live token with the app’s Basic credentials; only that is counted', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true });
    const { access_token: token } = await signIn(github);
    const del = (authorization: string) =>
      github.app.request('/applications/github-client-id/token', {
        method: 'DELETE',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: token }),
      });
    expect((await del(basicAuth('github-client-id', 'wrong'))).status).toBe(404);
    expect((await getUser(github, token)).status).toBe(200);
    expect(github.stats.revocations).toBe(0);
    expect((await del(basicAuth('github-client-id', 'github-client-secret'))).status).toBe(204);
    expect((await getUser(github, token)).status).toBe(401);
    expect(github.stats.revocations).toBe(1);
    // A token GitHub no longer knows as live: 404, nothing revoked, nothing counted.
    expect((await del(basicAuth('github-client-id', 'github-client-secret'))).status).toBe(404);
    expect(github.stats.revocations).toBe(1);
  });

  it('DELETE /applications/{client_id}/grant revokes every token the user gave the app, once; a dead token deletes nothing', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true });
    const first = String((await signIn(github)).access_token);
    const second = String((await signIn(github)).access_token);
    const personal = github.issueToken();
    const deleteGrant = () =>
      github.app.request('/applications/github-client-id/grant', {
        method: 'DELETE',
        headers: { authorization: basicAuth('github-client-id', 'github-client-secret'), 'content-type': 'application/json' },
        body: JSON.stringify({ access_token: first }),
      });
    expect((await deleteGrant()).status).toBe(204);
    expect([(await getUser(github, first)).status, (await getUser(github, second)).status]).toEqual([401, 401]);
    // A personal access token is not the app's: it lives on.
    expect((await getUser(github, personal)).status).toBe(200);
    expect(github.stats.revocations).toBe(1);
    expect((await deleteGrant()).status).toBe(404);
    expect(github.stats.revocations).toBe(1);
  });
});

describe('GitHub API limits and injected failures', () => {
  it('refuses past the primary limit with 403, remaining 0 and retry-after', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], rateLimit: { limit: 2 } });
    const token = github.issueToken();
    await getUser(github, token);
    expect((await getUser(github, token)).headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await getUser(github, token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).message).toMatch(/^API rate limit exceeded for user ID 583231\./);
    expect(github.stats.rateLimited).toBe(1);
  });

  it('can refuse with 429 instead, and the budget refills after the window', async () => {
    let now = Date.now();
    const github = createGithubEmulator({ redirectUris: [REDIRECT], rateLimit: { limit: 1, windowSeconds: 60, status: 429 }, now: () => now });
    const token = github.issueToken();
    await getUser(github, token);
    expect((await getUser(github, token)).status).toBe(429);
    now += 60_000;
    expect((await getUser(github, token)).status).toBe(200);
  });

  it('failNext answers the next n matching requests with the status', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT] });
    const token = github.issueToken({ scopes: ['read:user'] });
    github.failNext('/user', 502, 2);
    expect((await getUser(github, token)).status).toBe(502);
    expect((await getUser(github, token)).status).toBe(502);
    expect((await getUser(github, token)).status).toBe(200);
    github.failNext('/user', 429);
    const limited = await getUser(github, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(github.stats.injectedFailures).toBe(3);
  });

  it('serves the controls over HTTP under /_emulator/', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT] });
    const minted = await github.app.request('/_emulator/tokens', { method: 'POST', body: JSON.stringify({ user: { login: 'hubot', id: 7 } }) });
    const { token } = await minted.json();
    expect(token).toMatch(/^ghp_/);
    expect(await (await getUser(github, token)).json()).toMatchObject({ login: 'hubot', id: 7 });
    await github.app.request('/_emulator/fail-next', { method: 'POST', body: JSON.stringify({ pathPrefix: '/user', status: 500 }) });
    expect((await getUser(github, token)).status).toBe(500);
    await github.app.request('/_emulator/expire-access-tokens', { method: 'POST' });
    expect((await getUser(github, token)).status).toBe(401);
    const stats = await (await github.app.request('/_emulator/stats')).json();
    expect(stats).toMatchObject({ identityCalls: 1, injectedFailures: 1, authFailures: 1 });
    expect(stats.requests.map((r: { status: number }) => r.status)).toEqual([200, 500, 401]);
  });
});

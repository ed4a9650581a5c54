import { describe, expect, it } from 'vitest';
import { answerConsent } from '../../support/consent';
import { formPost, pkcePair } from '../common/oauth-test-kit';
import { createGithubEmulator } from './index';

const REDIRECT = 'https://weft.test/oauth/github/callback';
const JSON_ACCEPT = { accept: 'application/json' };

function authorizeUrl(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ client_id: 'github-client-id', redirect_uri: REDIRECT, scope: 'repo read:user', state: 'st4te', ...extra });
  return `/login/oauth/authorize?${q}`;
}

function exchange(github: ReturnType<typeof createGithubEmulator>, params: Record<string, string>, headers = JSON_ACCEPT) {
  return github.app.request(
    '/login/oauth/access_token',
    formPost({ client_id: 'github-client-id', client_secret: 'github-client-secret', redirect_uri: REDIRECT, ...params }, headers),
  );
}

describe('GitHub OAuth web flow', () => {
  it('authorize → approve → token → /user round trip', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT] });
    const { verifier, challenge } = pkcePair();
    const page = await (await github.app.request(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }))).text();
    expect(page).toContain('Weft');
    expect(page).toContain('read:user');
    expect(page).toContain('octocat');

    const back = await answerConsent(github.app, authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'approve');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st4te');
    const code = back.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[0-9a-f]{20}$/);

    const res = await exchange(github, { code, code_verifier: verifier });
    expect(res.status).toBe(200);
    const token = await res.json();
    expect(token).toEqual({ access_token: expect.stringMatching(/^gho_[A-Za-z0-9]{36}$/), token_type: 'bearer', scope: 'repo,read:user' });

    const user = await github.app.request('/user', { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(user.status).toBe(200);
    expect(await user.json()).toMatchObject({ login: 'octocat', id: 583231, name: 'The Octocat', email: 'octocat@github.com' });
    expect(user.headers.get('x-oauth-scopes')).toBe('repo, read:user');
    expect(user.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(user.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(user.headers.get('x-ratelimit-used')).toBe('1');
    expect(user.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(user.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(github.stats.tokenRequests.authorization_code).toBe(1);
    expect(github.stats.identityCalls).toBe(1);
  });

  it('answers form-encoded unless the client asks for JSON, like GitHub', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true });
    const back = new URL((await github.app.request(authorizeUrl())).headers.get('location') ?? '');
    const res = await exchange(github, { code: back.searchParams.get('code') ?? '' }, { accept: '*/*' });
    expect(res.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
    const body = new URLSearchParams(await res.text());
    expect(body.get('access_token')).toMatch(/^gho_/);
    expect(body.get('scope')).toBe('repo,read:user');
  });

  it('redirects a denial with access_denied, description and state', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT] });
    const back = await answerConsent(github.app, authorizeUrl(), 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toBe('The user has denied your application access.');
    expect(back.searchParams.get('state')).toBe('st4te');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('shows an error page, not a redirect, for an unknown client_id', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT] });
    const res = await github.app.request(authorizeUrl({ client_id: 'someone-else' }));
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('escapes query values it shows on the consent page', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT] });
    const html = await (await github.app.request(authorizeUrl({ scope: '<script>alert(1)</script>' }))).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });

  it('rejects a reused code with bad_verification_code (HTTP 200)', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true });
    const code = new URL((await github.app.request(authorizeUrl())).headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect((await (await exchange(github, { code })).json()).access_token).toBeDefined();
    const again = await exchange(github, { code });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' });
    expect(github.stats.tokenErrors).toBe(1);
  });

  it('rejects a wrong PKCE verifier', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true });
    const { challenge } = pkcePair();
    const res = await github.app.request(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const body = await (await exchange(github, { code, code_verifier: pkcePair().verifier })).json();
    expect(body.error).toBe('bad_verification_code');
  });

  it('expires codes after 10 minutes', async () => {
    let now = Date.now();
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true, now: () => now });
    const code = new URL((await github.app.request(authorizeUrl())).headers.get('location') ?? '').searchParams.get('code') ?? '';
    now += 10 * 60 * 1000 + 1;
    expect((await (await exchange(github, { code })).json()).error).toBe('bad_verification_code');
  });

  it('rejects wrong client credentials and a different redirect_uri', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT], autoApprove: true });
    const code = new URL((await github.app.request(authorizeUrl())).headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect((await (await exchange(github, { code, client_secret: 'nope' })).json()).error).toBe('incorrect_client_credentials');
    expect((await (await exchange(github, { code, redirect_uri: 'https://evil.test/cb' })).json()).error).toBe('redirect_uri_mismatch');
  });

  it('refuses a redirect_uri the app did not register: authorize and token endpoint both answer redirect_uri_mismatch', async () => {
    const github = createGithubEmulator({ redirectUris: [REDIRECT] });
    // Authorize: GitHub sends the browser to the registered callback with the error, never to the other address.
    const res = await github.app.request(authorizeUrl({ redirect_uri: 'https://evil.test/oauth/github/callback' }));
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('error')).toBe('redirect_uri_mismatch');
    expect(back.searchParams.get('state')).toBe('st4te');
    expect(back.searchParams.has('code')).toBe(false);
    expect(github.stats.authorizePageViews).toBe(1);
    expect(github.stats.approvals).toBe(0);

    // Token endpoint: a code issued to the default callback cannot be redeemed for another address.
    const code = (await answerConsent(github.app, authorizeUrl({ redirect_uri: '' }).replace('redirect_uri=&', ''), 'approve')).searchParams.get('code') ?? '';
    const moved = await exchange(github, { code, redirect_uri: 'https://weft.test.evil.test/oauth/github/callback' });
    expect(await moved.json()).toMatchObject({ error: 'redirect_uri_mismatch' });
    expect(github.stats.tokenErrors).toBe(1);
  });

  it('accepts a subdirectory of the registered callback, as GitHub does, and completes nothing without a registered callback', async () => {
    const github = createGithubEmulator({ redirectUris: ['https://weft.test/oauth'], autoApprove: true });
    const back = new URL((await github.app.request(authorizeUrl())).headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect((await (await exchange(github, { code: back.searchParams.get('code') ?? '' })).json()).access_token).toMatch(/^gho_/);

    const unregistered = createGithubEmulator({ autoApprove: true });
    const res = await unregistered.app.request(authorizeUrl());
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('no callback URL');
  });
});

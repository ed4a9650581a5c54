import { describe, expect, it } from 'vitest';
import { answerConsent } from '../../support/consent';
import { basicAuth, formPost, pkcePair } from '../common/oauth-test-kit';
import { createSlackEmulator } from './index';

const REDIRECT = 'https://weft.test/oauth/slack/callback';
const BASIC = { authorization: basicAuth('slack-client-id', 'slack-client-secret') };
type Slack = ReturnType<typeof createSlackEmulator>;

function authorizeUrl(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ client_id: 'slack-client-id', redirect_uri: REDIRECT, scope: 'chat:write,channels:read', state: 'xyz', ...extra });
  return `/oauth/v2/authorize?${q}`;
}

const access = (slack: Slack, params: Record<string, string>, headers: Record<string, string> = BASIC) =>
  slack.app.request('/api/oauth.v2.access', formPost({ redirect_uri: REDIRECT, ...params }, headers));

const authTest = (slack: Slack, token: unknown) =>
  slack.app.request('/api/auth.test', { method: 'POST', headers: { authorization: `Bearer ${String(token)}` } });

async function codeFor(slack: Slack, extra: Record<string, string> = {}): Promise<string> {
  return (await answerConsent(slack.app, authorizeUrl(extra), 'approve')).searchParams.get('code') ?? '';
}

describe('Slack OAuth v2', () => {
  it('install → approve → oauth.v2.access → auth.test round trip', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT] });
    const page = await (await slack.app.request(authorizeUrl())).text();
    expect(page).toContain('chat:write');
    expect(page).toContain('Weft Test Workspace');

    const back = await answerConsent(slack.app, authorizeUrl(), 'approve');
    expect(back.searchParams.get('state')).toBe('xyz');
    const res = await access(slack, { code: back.searchParams.get('code') ?? '' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      ok: true,
      app_id: 'A0WEFT0001',
      authed_user: { id: 'U0WEFTUSR1' },
      scope: 'chat:write,channels:read',
      token_type: 'bot',
      access_token: expect.stringMatching(/^xoxb-\d+-\d+-[A-Za-z0-9]{24}$/),
      bot_user_id: 'U0WEFTBOT1',
      team: { id: 'T0WEFT0001', name: 'Weft Test Workspace' },
      enterprise: null,
      is_enterprise_install: false,
    });

    const who = await authTest(slack, body.access_token);
    expect(await who.json()).toEqual({
      ok: true,
      url: 'https://weft-test.slack.com/',
      team: 'Weft Test Workspace',
      user: 'weft',
      team_id: 'T0WEFT0001',
      user_id: 'U0WEFTBOT1',
      bot_id: 'B0WEFTBOT1',
      is_enterprise_install: false,
    });
    expect(who.headers.get('x-oauth-scopes')).toBe('chat:write,channels:read');
    expect(slack.stats).toMatchObject({ identityCalls: 1, approvals: 1, tokenRequests: { authorization_code: 1 } });
  });

  it('accepts client credentials as form fields too, and issues a user token for user_scope', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT] });
    const code = await codeFor(slack, { user_scope: 'identity.basic' });
    const body = await (await access(slack, { code, client_id: 'slack-client-id', client_secret: 'slack-client-secret' }, {})).json();
    expect(body.authed_user).toEqual({ id: 'U0WEFTUSR1', scope: 'identity.basic', access_token: expect.stringMatching(/^xoxp-/), token_type: 'user' });
    expect(await (await authTest(slack, body.authed_user.access_token)).json()).toMatchObject({ ok: true, user_id: 'U0WEFTUSR1' });
  });

  it('redirects a denial with error=access_denied and state', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT] });
    const back = await answerConsent(slack.app, authorizeUrl(), 'deny');
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', state: 'xyz' });
  });

  it('shows an error page for an unknown client_id', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT] });
    const res = await slack.app.request(authorizeUrl({ client_id: '123.456' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('invalid_client_id');
  });

  it('answers every exchange error as HTTP 200 ok:false', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT] });
    const code = await codeFor(slack);
    await access(slack, { code });
    const reused = await access(slack, { code });
    expect(reused.status).toBe(200);
    expect(await reused.json()).toEqual({ ok: false, error: 'invalid_code' });
    expect((await (await access(slack, { code: await codeFor(slack) }, { authorization: basicAuth('slack-client-id', 'x') })).json()).error).toBe('bad_client_secret');
    expect((await (await access(slack, { code: await codeFor(slack), redirect_uri: 'https://weft.test/x' })).json()).error).toBe('bad_redirect_uri');
    expect(slack.stats.tokenErrors).toBe(3);
  });

  it('refuses a redirect_uri the app did not register, on the install page and at oauth.v2.access', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT] });
    const res = await slack.app.request(authorizeUrl({ redirect_uri: 'https://evil.test/oauth/slack/callback' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri did not match any configured URIs');
    expect(slack.stats.approvals).toBe(0);
    // Installed without redirect_uri (Slack uses the first Redirect URL), redeemed for another address.
    const code = (await answerConsent(slack.app, authorizeUrl().replace(/redirect_uri=[^&]*&/, ''), 'approve')).searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const moved = await access(slack, { code, redirect_uri: 'https://evil.test/oauth/slack/callback' });
    expect(await moved.json()).toEqual({ ok: false, error: 'bad_redirect_uri' });

    const unregistered = createSlackEmulator({ autoApprove: true });
    expect((await unregistered.app.request(authorizeUrl())).status).toBe(400);
  });

  it('rejects a wrong PKCE verifier', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT] });
    const { challenge, verifier } = pkcePair();
    const code = await codeFor(slack, { code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await (await access(slack, { code, code_verifier: pkcePair().verifier })).json()).error).toBe('invalid_code');
    const fresh = await codeFor(slack, { code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await (await access(slack, { code: fresh, code_verifier: verifier })).json()).ok).toBe(true);
  });
});

describe('Slack token rotation (accessTokenTtlSeconds)', () => {
  it('issues xoxe tokens; refresh rotates and the old refresh token dies', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT], accessTokenTtlSeconds: 43200 });
    const first = await (await access(slack, { code: await codeFor(slack) })).json();
    expect(first).toMatchObject({ access_token: expect.stringMatching(/^xoxe\.xoxb-1-/), refresh_token: expect.stringMatching(/^xoxe-1-/), expires_in: 43200 });
    const second = await (await access(slack, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json();
    expect(second).toMatchObject({ ok: true, token_type: 'bot', expires_in: 43200 });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await authTest(slack, second.access_token)).status).toBe(200);
    expect(await (await access(slack, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json()).toEqual({ ok: false, error: 'invalid_refresh_token' });
  });

  it('expireAccessTokens → token_expired; revokeRefreshTokens → invalid_refresh_token', async () => {
    const slack = createSlackEmulator({ redirectUris: [REDIRECT], accessTokenTtlSeconds: 43200 });
    const tokens = await (await access(slack, { code: await codeFor(slack) })).json();
    slack.expireAccessTokens();
    expect(await (await authTest(slack, tokens.access_token)).json()).toEqual({ ok: false, error: 'token_expired' });
    slack.revokeRefreshTokens();
    expect((await (await access(slack, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).json()).error).toBe('invalid_refresh_token');
  });
});

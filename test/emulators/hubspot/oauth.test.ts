import { describe, expect, it } from 'vitest';
import { answerConsent } from '../../support/consent';
import { formPost, pkcePair } from '../common/oauth-test-kit';
import { createHubspotEmulator } from './index';

const REDIRECT = 'https://weft.test/oauth/hubspot/callback';
const CREDS = { client_id: 'hubspot-client-id', client_secret: 'hubspot-client-secret' };
type Hubspot = ReturnType<typeof createHubspotEmulator>;

function authorizeUrl(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ client_id: 'hubspot-client-id', redirect_uri: REDIRECT, scope: 'oauth crm.objects.contacts.read', state: 's1', ...extra });
  return `/oauth/authorize?${q}`;
}

const token = (hubspot: Hubspot, params: Record<string, string>, path = '/oauth/2026-03/token') =>
  hubspot.app.request(path, formPost({ ...CREDS, ...params }));

async function codeFor(hubspot: Hubspot, extra: Record<string, string> = {}): Promise<string> {
  return (await answerConsent(hubspot.app, authorizeUrl(extra), 'approve')).searchParams.get('code') ?? '';
}

describe('HubSpot OAuth', () => {
  it('install → approve → token → account-info round trip', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    const { verifier, challenge } = pkcePair();
    const page = await (await hubspot.app.request(authorizeUrl())).text();
    expect(page).toContain('crm.objects.contacts.read');
    expect(page).toContain('62515');

    const back = await answerConsent(hubspot.app, authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'approve');
    expect(back.searchParams.get('state')).toBe('s1');
    const res = await token(hubspot, { grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT, code_verifier: verifier });
    expect(res.status).toBe(200);
    const tokens = await res.json();
    expect(tokens).toEqual({
      token_type: 'bearer',
      refresh_token: expect.stringMatching(/^na1-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      access_token: expect.any(String),
      expires_in: 1800,
      hub_id: 62515,
      scopes: ['oauth', 'crm.objects.contacts.read'],
    });

    const account = await hubspot.app.request('/account-info/v3/details', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(account.status).toBe(200);
    expect(await account.json()).toEqual({
      portalId: 62515,
      accountType: 'STANDARD',
      timeZone: 'US/Eastern',
      companyCurrency: 'USD',
      additionalCurrencies: [],
      utcOffset: '-05:00',
      utcOffsetMilliseconds: -18000000,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
    expect(account.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    expect(account.headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
    expect(account.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    // OAuth calls have no daily limit, so HubSpot sends no Daily headers.
    expect(account.headers.has('x-hubspot-ratelimit-daily')).toBe(false);

    const info = await (await hubspot.app.request(`/oauth/v1/access-tokens/${tokens.access_token}`)).json();
    expect(info).toMatchObject({ hub_id: 62515, user: 'alex@weft.test', scopes: ['oauth', 'crm.objects.contacts.read'], token_type: 'access' });
    expect(info.expires_in).toBeGreaterThan(1790);
  });

  it('serves the legacy v1 token path with the same shapes', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    const res = await token(hubspot, { grant_type: 'authorization_code', code: await codeFor(hubspot), redirect_uri: REDIRECT }, '/oauth/v1/token');
    expect((await res.json()).token_type).toBe('bearer');
  });

  it('redirects a denial with access_denied and state', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    const back = await answerConsent(hubspot.app, authorizeUrl(), 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('s1');
  });

  it('shows an error page for an unknown client_id or a missing redirect_uri', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    expect((await hubspot.app.request(authorizeUrl({ client_id: 'nope' }))).status).toBe(400);
    expect((await hubspot.app.request('/oauth/authorize?client_id=hubspot-client-id&scope=oauth')).status).toBe(400);
  });

  it('rejects a reused code, a wrong verifier and a different redirect_uri with 400 BAD_*', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    const code = await codeFor(hubspot);
    await token(hubspot, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    const reused = await token(hubspot, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ status: 'BAD_AUTH_CODE', error: 'invalid_grant', correlationId: expect.any(String) });

    const { challenge } = pkcePair();
    const pkceCode = await codeFor(hubspot, { code_challenge: challenge, code_challenge_method: 'S256' });
    const wrong = await token(hubspot, { grant_type: 'authorization_code', code: pkceCode, redirect_uri: REDIRECT, code_verifier: pkcePair().verifier });
    expect((await wrong.json()).status).toBe('BAD_AUTH_CODE');

    const moved = await token(hubspot, { grant_type: 'authorization_code', code: await codeFor(hubspot), redirect_uri: 'https://weft.test/other' });
    expect((await moved.json()).status).toBe('BAD_REDIRECT_URI');
    expect((await (await token(hubspot, { grant_type: 'authorization_code', code, client_secret: 'x' })).json()).status).toBe('BAD_CLIENT_SECRET');
  });

  it('refuses a redirect_uri the app did not register, on the install page and at the token endpoint', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    for (const other of ['https://evil.test/oauth/hubspot/callback', `${REDIRECT}/more`, REDIRECT.replace('https:', 'http:')]) {
      const res = await hubspot.app.request(authorizeUrl({ redirect_uri: other }));
      expect(res.status, other).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toMatch(/doesn.{1,5}t match the app.{1,5}s redirect URLs/);
    }
    expect(hubspot.stats.approvals).toBe(0);
    // A code for the registered URL, redeemed with one the app never registered.
    const moved = await token(hubspot, { grant_type: 'authorization_code', code: await codeFor(hubspot), redirect_uri: 'https://evil.test/oauth/hubspot/callback' });
    expect(moved.status).toBe(400);
    expect(await moved.json()).toMatchObject({ status: 'BAD_REDIRECT_URI', error: 'invalid_grant' });

    const unregistered = createHubspotEmulator({ autoApprove: true });
    expect((await unregistered.app.request(authorizeUrl())).status).toBe(400);
  });

  it('refreshes: new access token, same refresh token (HubSpot does not rotate)', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    const first = await (await token(hubspot, { grant_type: 'authorization_code', code: await codeFor(hubspot), redirect_uri: REDIRECT })).json();
    const second = await (await token(hubspot, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json();
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).toBe(first.refresh_token);
    expect(hubspot.stats.tokenRequests).toMatchObject({ authorization_code: 1, refresh_token: 1 });
  });

  it('with rotateRefreshTokens, the old refresh token dies', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT], rotateRefreshTokens: true });
    const first = await (await token(hubspot, { grant_type: 'authorization_code', code: await codeFor(hubspot), redirect_uri: REDIRECT })).json();
    const second = await (await token(hubspot, { grant_type: 'refresh_token', refresh_token: first.refresh_token })).json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const old = await token(hubspot, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ status: 'BAD_REFRESH_TOKEN', error: 'invalid_grant', error_description: 'refresh token is invalid, expired or revoked' });
  });

  it('revokeRefreshTokens → BAD_REFRESH_TOKEN; expireAccessTokens → 401 EXPIRED_AUTHENTICATION', async () => {
    const hubspot = createHubspotEmulator({ redirectUris: [REDIRECT] });
    const tokens = await (await token(hubspot, { grant_type: 'authorization_code', code: await codeFor(hubspot), redirect_uri: REDIRECT })).json();
    hubspot.expireAccessTokens();
    const expired = await hubspot.app.request('/account-info/v3/details', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ status: 'error', category: 'EXPIRED_AUTHENTICATION', correlationId: expect.any(String) });
    hubspot.revokeRefreshTokens();
    expect((await (await token(hubspot, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).json()).status).toBe('BAD_REFRESH_TOKEN');
  });
});

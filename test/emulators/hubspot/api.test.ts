import { describe, expect, it } from 'vitest';
import { formPost } from '../common/oauth-test-kit';
import { createHubspotEmulator } from './index';

const CREDS = { client_id: 'hubspot-client-id', client_secret: 'hubspot-client-secret' };
const REDIRECT = 'https://weft.test/oauth/hubspot/callback';
type Hubspot = ReturnType<typeof createHubspotEmulator>;

const details = (hubspot: Hubspot, token?: string) =>
  hubspot.app.request('/account-info/v3/details', { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function oauthTokens(hubspot: Hubspot): Promise<{ access_token: string; refresh_token: string }> {
  const redirect = REDIRECT;
  const auth = await hubspot.app.request(`/oauth/authorize?client_id=hubspot-client-id&scope=oauth&redirect_uri=${encodeURIComponent(redirect)}`);
  const code = new URL(auth.headers.get('location') ?? '').searchParams.get('code') ?? '';
  return (await hubspot.app.request('/oauth/2026-03/token', formPost({ ...CREDS, grant_type: 'authorization_code', code, redirect_uri: redirect }))).json();
}

describe('HubSpot API', () => {
  it('accepts a private-app token, with Daily headers', async () => {
    const hubspot = createHubspotEmulator({ account: { portalId: 999 } });
    const token = hubspot.issueToken();
    expect(token).toMatch(/^pat-na1-[0-9a-f-]{36}$/);
    const res = await details(hubspot, token);
    expect((await res.json()).portalId).toBe(999);
    expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    expect(res.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('249999');
  });

  it('answers a missing or unknown token with 401 INVALID_AUTHENTICATION', async () => {
    const hubspot = createHubspotEmulator();
    for (const res of [await details(hubspot), await details(hubspot, 'pat-na1-00000000-0000-0000-0000-000000000000')]) {
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
      expect(body.message).toMatch(/^Authentication credentials not found/);
    }
  });

  it('revocation: 2026-03 token/revoke kills the refresh token and its access tokens, and counts only that', async () => {
    const hubspot = createHubspotEmulator({ autoApprove: true, redirectUris: [REDIRECT] });
    const tokens = await oauthTokens(hubspot);
    const revoke = (token: string) => hubspot.app.request('/oauth/2026-03/token/revoke', formPost({ ...CREDS, token, token_type_hint: 'refresh_token' }));
    // An access token is not what this endpoint revokes: refused, and it stays alive.
    const wrongKind = await revoke(tokens.access_token);
    expect(wrongKind.status).toBe(400);
    expect((await details(hubspot, tokens.access_token)).status).toBe(200);
    expect(hubspot.stats.revocations).toBe(0);

    expect((await revoke(tokens.refresh_token)).status).toBe(200);
    expect((await details(hubspot, tokens.access_token)).status).toBe(401);
    const refresh = await hubspot.app.request('/oauth/2026-03/token', formPost({ ...CREDS, grant_type: 'refresh_token', refresh_token: tokens.refresh_token }));
    expect(await refresh.json()).toMatchObject({ status: 'BAD_REFRESH_TOKEN', error: 'invalid_grant' });
    const introspect = await hubspot.app.request('/oauth/2026-03/token/introspect', formPost({ ...CREDS, token: tokens.refresh_token }));
    expect(await introspect.json()).toEqual({ active: false });
    expect(hubspot.stats.revocations).toBe(1);

    // Already revoked, or never issued: HubSpot's validation error, and nothing counted.
    for (const token of [tokens.refresh_token, 'na1-0000-0000-0000-0000-000000000000']) {
      const refused = await revoke(token);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message: expect.stringMatching(/^Invalid refresh token/) });
    }
    expect(hubspot.stats.revocations).toBe(1);
  });

  it('legacy DELETE /oauth/v1/refresh-tokens/:token answers 204, then 404; its access tokens live on, as documented', async () => {
    const hubspot = createHubspotEmulator({ autoApprove: true, redirectUris: [REDIRECT] });
    const { refresh_token: refresh, access_token: access } = await oauthTokens(hubspot);
    expect((await hubspot.app.request(`/oauth/v1/refresh-tokens/${refresh}`)).status).toBe(200);
    expect((await hubspot.app.request(`/oauth/v1/refresh-tokens/${refresh}`, { method: 'DELETE' })).status).toBe(204);
    expect((await hubspot.app.request(`/oauth/v1/refresh-tokens/${refresh}`)).status).toBe(404);
    expect((await details(hubspot, access)).status).toBe(200);
    expect((await hubspot.app.request(`/oauth/v1/refresh-tokens/${refresh}`, { method: 'DELETE' })).status).toBe(404);
    expect(hubspot.stats.revocations).toBe(1);
  });

  it('introspects a live access token', async () => {
    const hubspot = createHubspotEmulator({ autoApprove: true, redirectUris: [REDIRECT] });
    const tokens = await oauthTokens(hubspot);
    const res = await hubspot.app.request('/oauth/2026-03/token/introspect', formPost({ ...CREDS, token: tokens.access_token }));
    expect(await res.json()).toMatchObject({ active: true, token_use: 'access_token', hub_id: 62515, client_id: 'hubspot-client-id', scopes: ['oauth'] });
  });

  it('enforces TEN_SECONDLY_ROLLING with its 429 body and Retry-After, then recovers as the window rolls', async () => {
    let now = 1_700_000_000_000;
    const hubspot = createHubspotEmulator({ rateLimit: { max: 2 }, now: () => now });
    const token = hubspot.issueToken();
    await details(hubspot, token);
    now += 5_000;
    expect((await details(hubspot, token)).headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    const refused = await details(hubspot, token);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', correlationId: expect.any(String), requestId: expect.any(String) });
    // The first call leaves the window in 5 s: that is the wait Retry-After names.
    expect(refused.headers.get('retry-after')).toBe('5');
    now += 5_001; // the first call has left the 10-second window
    expect((await details(hubspot, token)).status).toBe(200);
    expect(hubspot.stats.rateLimited).toBe(1);
  });

  it('enforces the daily limit for private apps with policy DAILY', async () => {
    const hubspot = createHubspotEmulator({ rateLimit: { daily: 1 } });
    const token = hubspot.issueToken();
    await details(hubspot, token);
    const refused = await details(hubspot, token);
    expect(refused.status).toBe(429);
    expect((await refused.json()).policyName).toBe('DAILY');
  });

  it('failNext answers with the status in HubSpot’s shape', async () => {
    const hubspot = createHubspotEmulator();
    const token = hubspot.issueToken();
    hubspot.failNext('/account-info', 429);
    hubspot.failNext('/account-info', 503);
    const limited = await details(hubspot, token);
    expect((await limited.json()).policyName).toBe('TEN_SECONDLY_ROLLING');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await details(hubspot, token)).status).toBe(503);
    expect((await details(hubspot, token)).status).toBe(200);
  });
});

import { afterEach, expect, it } from 'vitest';
import { createHubspotEmulator } from '../../../test/emulators/hubspot';
import { oauthTestApp, registeredCallback } from '../../testing/oauth-setup';
import { forEachEngine } from '../../store/testing/engines';
import type { TestApp } from '../../testing/test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Whether HubSpot (the emulator) still honours a refresh token. */
async function refreshWorks(hubspot: ReturnType<typeof createHubspotEmulator>, refreshToken: string) {
  const res = await hubspot.app.request('/oauth/2026-03/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'hubspot-client-id', client_secret: 'hubspot-client-secret' }).toString(),
  });
  return res.status === 200;
}

forEachEngine('HubSpot quirks', (engine) => {
  it('OAuth through the dated v3 endpoints: 30-minute tokens with a refresh token, the portal as the account', async () => {
    const hubspot = createHubspotEmulator(registeredCallback('hubspot'));
    const s = await oauthTestApp('hubspot', hubspot.app, { engine });
    t = s.t;
    const { token } = await t.signUp();
    const { authorizeUrl, outcome } = await s.connect(token);
    expect(authorizeUrl.pathname).toBe('/oauth/authorize');
    expect(outcome).toBe('connected');
    expect(hubspot.stats.requests.some((r) => r.method === 'POST' && r.path === '/oauth/2026-03/token')).toBe(true);
    const [connection] = (await t.call('GET', '/api/connections', { token })).json.connections;
    expect(connection).toMatchObject({ authMode: 'oauth2', account: { id: '62515' }, status: 'active' });
    const minutesLeft = (Date.parse(connection.expiresAt) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(25);
    expect(minutesLeft).toBeLessThanOrEqual(30);
  });

  it('refreshes an expiring token with the refresh grant; Delete revokes the refresh token, which HubSpot then refuses', async () => {
    const hubspot = createHubspotEmulator(registeredCallback('hubspot'));
    const s = await oauthTestApp('hubspot', hubspot.app, { engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    await t.deps.db.updateTable('connections').set({ expires_at: new Date(Date.now() + 1000).toISOString() }).execute();
    const test = await t.call('POST', `/api/connections/${connection.id}/test`, { token });
    expect(test.json.ok).toBe(true);
    expect(hubspot.stats.tokenRequests.refresh_token).toBe(1);
    const { refreshToken } = t.deps.tokens.decrypt(await t.deps.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow());
    expect(await refreshWorks(hubspot, refreshToken!)).toBe(true);
    const del = await t.call('DELETE', `/api/connections/${connection.id}`, { token });
    expect(del.json).toMatchObject({ deleted: true, revoked: true, message: `Deleted ${connection.name}. Access was revoked at HubSpot.` });
    // Dead at HubSpot: the refresh token no longer refreshes, and it was counted once.
    expect(await refreshWorks(hubspot, refreshToken!)).toBe(false);
    expect(hubspot.stats.revocations).toBe(1);
  });

  it('deleting a connection whose refresh token HubSpot already revoked says HubSpot did not confirm it', async () => {
    const hubspot = createHubspotEmulator(registeredCallback('hubspot'));
    const s = await oauthTestApp('hubspot', hubspot.app, { engine });
    t = s.t;
    const { token, connection } = await s.signUpAndConnect();
    hubspot.revokeRefreshTokens();
    const del = await t.call('DELETE', `/api/connections/${connection.id}`, { token });
    expect(del.json).toMatchObject({ deleted: true, revoked: false });
    expect(del.json.message).toMatch(/^Deleted Portal 62515\. HubSpot did not confirm that access was revoked \(HubSpot refused the request: Invalid refresh token/);
    expect(hubspot.stats.revocations).toBe(0);
    expect((await t.call('GET', '/api/connections', { token })).json.connections).toEqual([]);
  });

  it('deleting a private-app token connection says HubSpot cannot revoke it', async () => {
    const hubspot = createHubspotEmulator(registeredCallback('hubspot'));
    const s = await oauthTestApp('hubspot', hubspot.app, { engine });
    t = s.t;
    const { token } = await t.signUp();
    const created = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', credentials: { token: hubspot.issueToken() } } });
    const del = await t.call('DELETE', `/api/connections/${created.json.connection.id}`, { token });
    expect(del.json.revoked).toBe(false);
    expect(del.json.message).toMatch(/offers no way to revoke/);
  });
});

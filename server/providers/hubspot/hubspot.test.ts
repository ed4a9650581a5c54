import { afterEach, describe, expect, it } from 'vitest';
import { createHubspotEmulator } from '../../../test/emulators/hubspot';
import { oauthTestApp } from '../../testing/oauth-setup';
import type { TestApp } from '../../testing/test-app';

let t: TestApp | undefined;
afterEach(async () => t?.close());

describe('HubSpot quirks', () => {
  it('OAuth through the dated v3 endpoints: 30-minute tokens with a refresh token, the portal as the account', async () => {
    const hubspot = createHubspotEmulator();
    const s = await oauthTestApp('hubspot', hubspot.app);
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

  it('refreshes an expiring token with the form-encoded refresh grant, then revokes the refresh token on delete', async () => {
    const hubspot = createHubspotEmulator();
    const s = await oauthTestApp('hubspot', hubspot.app);
    t = s.t;
    const { token } = await t.signUp();
    await s.connect(token);
    const [connection] = (await t.call('GET', '/api/connections', { token })).json.connections;
    await t.deps.db.updateTable('connections').set({ expires_at: new Date(Date.now() + 1000).toISOString() }).execute();
    const test = await t.call('POST', `/api/connections/${connection.id}/test`, { token });
    expect(test.json.ok).toBe(true);
    expect(hubspot.stats.tokenRequests.refresh_token).toBe(1);
    const del = await t.call('DELETE', `/api/connections/${connection.id}`, { token });
    expect(del.json).toMatchObject({ deleted: true, revoked: true });
  });

  it('deleting a private-app token connection says HubSpot cannot revoke it', async () => {
    const hubspot = createHubspotEmulator();
    const s = await oauthTestApp('hubspot', hubspot.app);
    t = s.t;
    const { token } = await t.signUp();
    const created = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', credentials: { token: hubspot.issueToken() } } });
    const del = await t.call('DELETE', `/api/connections/${created.json.connection.id}`, { token });
    expect(del.json.revoked).toBe(false);
    expect(del.json.message).toMatch(/offers no way to revoke/);
  });
});

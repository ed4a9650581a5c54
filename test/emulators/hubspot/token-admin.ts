import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { readParams } from '../common/params';
import type { StoredToken } from '../common/token-store';
import { expiredAuthentication, invalidAuthentication, invalidRefreshToken, oauthError } from './errors';
import type { HubspotInstall } from './fixtures';
import type { HubspotState } from './state';

/**
 * Token metadata and revocation: 2026-03/v3 `token/introspect` and `token/revoke` (form
 * body with client credentials), and the legacy v1 path-based equivalents.
 */
export function tokenAdminRoutes(state: HubspotState): Hono {
  const app = new Hono();
  const { tokens, stats, now } = state.core;

  const metadata = (token: StoredToken<HubspotInstall>) => ({
    token: token.value,
    user: token.account.user.email,
    hub_domain: token.account.hubDomain,
    scopes: token.scopes,
    hub_id: token.account.account.portalId,
    app_id: state.appId,
    user_id: token.account.user.id,
    client_id: state.clientId,
    is_private_distribution: false,
  });
  const expiresIn = (token: StoredToken<HubspotInstall>) => Math.max(0, Math.round(((token.expiresAt ?? now()) - now()) / 1000));

  for (const version of ['2026-03', 'v3']) {
    app.post(`/oauth/${version}/token/introspect`, async (c) => {
      const p = await readParams(c);
      if (p.client_id !== state.clientId) return c.json(oauthError('BAD_CLIENT_ID'), 400);
      if (p.client_secret !== state.clientSecret) return c.json(oauthError('BAD_CLIENT_SECRET'), 400);
      const access = tokens.lookup(p.token, 'access');
      if (access.status === 'valid' && access.token.clientId === state.clientId) {
        return c.json({ token_use: 'access_token', active: true, ...metadata(access.token), expires_in: expiresIn(access.token), token_type: 'access' });
      }
      const refresh = tokens.lookup(p.token, 'refresh');
      if (refresh.status === 'valid' && refresh.token.clientId === state.clientId) {
        return c.json({ token_use: 'refresh_token', active: true, ...metadata(refresh.token), token_type: 'refresh' });
      }
      // RFC 7662: anything unknown, expired or revoked is just inactive.
      return c.json({ active: false });
    });

    // "Deletes/Revokes provided Refresh Token": only a live refresh token of this app is
    // revoked (with the access tokens minted from it). Anything else (unknown, already
    // revoked, an access token, another app's) is refused and nothing changes.
    app.post(`/oauth/${version}/token/revoke`, async (c) => {
      const p = await readParams(c);
      if (p.client_id !== state.clientId) return c.json(oauthError('BAD_CLIENT_ID'), 400);
      if (p.client_secret !== state.clientSecret) return c.json(oauthError('BAD_CLIENT_SECRET'), 400);
      const found = tokens.lookup(p.token, 'refresh');
      if (found.status !== 'valid' || found.token.clientId !== state.clientId) return c.json(invalidRefreshToken(), 400);
      revokeWithDescendants(state, found.token.value);
      stats.revocations++;
      return c.body(null, 200);
    });
  }

  app.get('/oauth/v1/access-tokens/:token', (c) => {
    const found = tokens.lookup(c.req.param('token'), 'access');
    if (found.status === 'expired' && found.token.expiresAt !== null) return c.json(expiredAuthentication(found.token.expiresAt, now()), 401);
    if (found.status !== 'valid') return c.json(invalidAuthentication('The OAuth token used to make this call is invalid.'), 401);
    return c.json({ ...metadata(found.token), expires_in: expiresIn(found.token), token_type: 'access' });
  });

  app.get('/oauth/v1/refresh-tokens/:token', (c) => {
    const found = tokens.lookup(c.req.param('token'), 'refresh');
    if (found.status !== 'valid') return c.json(refreshNotFound(), 404);
    return c.json({ ...metadata(found.token), token_type: 'refresh' });
  });

  // The legacy delete, as documented: the refresh token only; access tokens minted from it
  // live out their 30 minutes.
  app.delete('/oauth/v1/refresh-tokens/:token', (c) => {
    const found = tokens.lookup(c.req.param('token'), 'refresh');
    if (found.status !== 'valid') return c.json(refreshNotFound(), 404);
    tokens.revoke(found.token.value, { withPartner: false });
    stats.revocations++;
    return c.body(null, 204);
  });

  return app;
}

/** A refresh token revoked through the dated endpoint takes every access token minted from it. */
function revokeWithDescendants(state: HubspotState, refreshToken: string): void {
  state.core.tokens.revoke(refreshToken, { withPartner: false });
  state.core.tokens.revokeWhere((t) => t.type === 'access' && t.partner === refreshToken);
}

const refreshNotFound = () => ({ status: 'error', message: 'refresh token not found', correlationId: randomUUID() });

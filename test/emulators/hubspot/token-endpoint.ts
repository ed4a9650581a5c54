import { Hono } from 'hono';
import { readParams } from '../common/params';
import { countTokenRequest } from '../common/stats';
import { oauthError, type HubspotOAuthError } from './errors';
import type { HubspotState } from './state';
import { issueForCode, issueForRefresh } from './tokens';

/**
 * The token endpoint at its dated path (2026-03), its undated alias (v3) and the legacy v1
 * path (deprecated 2027-02-16): form body with client_id and client_secret; errors are
 * HTTP 400 with BAD_* statuses.
 */
export function tokenEndpointRoutes(state: HubspotState): Hono {
  const app = new Hono();
  const { stats, codes, tokens } = state.core;

  for (const path of ['/oauth/2026-03/token', '/oauth/v3/token', '/oauth/v1/token']) {
    app.post(path, async (c) => {
      const p = await readParams(c);
      const grantType = p.grant_type ?? '';
      countTokenRequest(stats, grantType);
      const fail = (status: HubspotOAuthError) => {
        stats.tokenErrors++;
        return c.json(oauthError(status), 400);
      };
      if (p.client_id !== state.clientId) return fail('BAD_CLIENT_ID');
      if (p.client_secret !== state.clientSecret) return fail('BAD_CLIENT_SECRET');

      if (grantType === 'authorization_code') {
        const result = codes.redeem(p.code, {
          clientId: state.clientId,
          redirectUri: p.redirect_uri,
          codeVerifier: p.code_verifier,
          requireRedirectUri: true,
          redirectAllowed: (uri) => state.redirectUris.includes(uri),
        });
        if (!result.ok) return fail(result.reason === 'redirect_mismatch' ? 'BAD_REDIRECT_URI' : 'BAD_AUTH_CODE');
        return c.json(issueForCode(state, result.grant.account, result.grant.scopes));
      }

      if (grantType === 'refresh_token') {
        const found = tokens.lookup(p.refresh_token, 'refresh');
        if (found.status !== 'valid' || found.token.clientId !== state.clientId) return fail('BAD_REFRESH_TOKEN');
        return c.json(issueForRefresh(state, found.token));
      }

      return fail('BAD_GRANT_TYPE');
    });
  }

  return app;
}

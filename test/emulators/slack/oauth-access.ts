import { Hono } from 'hono';
import { basicCredentials, readParams } from '../common/params';
import { countTokenRequest } from '../common/stats';
import { slackError } from './errors';
import type { SlackState } from './state';
import { issueInstallTokens, issueRefreshed } from './tokens';

/**
 * `POST /api/oauth.v2.access`: code exchange and, with rotation on, the refresh grant.
 * App credentials by HTTP Basic (Slack's preference) or form fields; every error is
 * HTTP 200 `{ ok: false, error }` with Slack's documented error names.
 */
export function oauthAccessRoutes(state: SlackState): Hono {
  const app = new Hono();
  const { stats, codes, tokens } = state.core;

  app.post('/api/oauth.v2.access', async (c) => {
    const p = await readParams(c);
    const basic = basicCredentials(c.req.header('authorization'));
    const grantType = p.grant_type ?? 'authorization_code';
    countTokenRequest(stats, grantType);
    const fail = (error: string) => {
      stats.tokenErrors++;
      return c.json(slackError(error));
    };
    if ((basic?.id ?? p.client_id) !== state.clientId) return fail('invalid_client_id');
    if ((basic?.secret ?? p.client_secret) !== state.clientSecret) return fail('bad_client_secret');

    if (grantType === 'authorization_code') {
      const result = codes.redeem(p.code, {
        clientId: state.clientId,
        redirectUri: p.redirect_uri,
        codeVerifier: p.code_verifier,
        redirectAllowed: (uri) => state.redirectUris.includes(uri),
      });
      // Slack documents no PKCE-specific error; a failed verifier reads as a bad code.
      if (!result.ok) return fail(result.reason === 'redirect_mismatch' ? 'bad_redirect_uri' : 'invalid_code');
      return c.json(issueInstallTokens(state, result.grant.account, result.grant.scopes));
    }

    if (grantType === 'refresh_token') {
      const found = tokens.lookup(p.refresh_token, 'refresh');
      if (found.status !== 'valid' || found.token.clientId !== state.clientId) return fail('invalid_refresh_token');
      return c.json(issueRefreshed(state, found.token));
    }

    return fail('invalid_grant_type');
  });

  return app;
}

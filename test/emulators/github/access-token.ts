import { Hono, type Context } from 'hono';
import { basicCredentials, readParams } from '../common/params';
import { countTokenRequest } from '../common/stats';
import { tokenError, type GithubTokenError } from './errors';
import { githubAcceptsRedirect } from './redirect-rule';
import { issueOAuthTokens } from './tokens';
import type { GithubState } from './state';

/**
 * `POST /login/oauth/access_token`: code exchange and (GitHub App mode) refresh.
 * Like GitHub: parameters from query, form or JSON; errors are HTTP 200; the response is
 * form-encoded unless the client sends `Accept: application/json`.
 */
export function accessTokenRoutes(state: GithubState): Hono {
  const app = new Hono();
  const { stats, codes, tokens } = state.core;

  app.post('/login/oauth/access_token', async (c) => {
    const p = await readParams(c);
    const basic = basicCredentials(c.req.header('authorization'));
    const grantType = p.grant_type ?? 'authorization_code';
    countTokenRequest(stats, grantType);
    const fail = (error: GithubTokenError) => {
      stats.tokenErrors++;
      return reply(c, tokenError(error));
    };

    if ((p.client_id ?? basic?.id) !== state.clientId || (p.client_secret ?? basic?.secret) !== state.clientSecret) {
      return fail('incorrect_client_credentials');
    }

    if (grantType === 'authorization_code') {
      const result = codes.redeem(p.code, {
        clientId: state.clientId,
        redirectUri: p.redirect_uri,
        codeVerifier: p.code_verifier,
        redirectAllowed: (uri) => state.redirectUris.some((callback) => githubAcceptsRedirect(callback, uri)),
      });
      // GitHub does not document a PKCE-specific error; a failed verifier reads as a bad code.
      if (!result.ok) return fail(result.reason === 'redirect_mismatch' ? 'redirect_uri_mismatch' : 'bad_verification_code');
      return reply(c, issueOAuthTokens(state, result.grant.account, result.grant.scopes));
    }

    if (grantType === 'refresh_token') {
      const found = tokens.lookup(p.refresh_token, 'refresh');
      if (found.status !== 'valid' || found.token.clientId !== state.clientId) return fail('bad_refresh_token');
      // Rotation: the used refresh token and the access token issued with it both die.
      tokens.revoke(found.token.value);
      return reply(c, issueOAuthTokens(state, found.token.account, found.token.scopes));
    }

    return fail('unsupported_grant_type');
  });

  return app;
}

function reply(c: Context, body: Record<string, string | number>): Response {
  if ((c.req.header('accept') ?? '').includes('application/json')) return c.json(body);
  const form = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]));
  return c.body(form.toString(), 200, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
}

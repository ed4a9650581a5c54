import { Hono, type Context } from 'hono';
import { basicCredentials, readParams } from '../common/params';
import { restError } from './errors';
import type { GithubUser } from './fixtures';
import { userJson } from './fixtures';
import type { GithubState } from './state';
import type { StoredToken } from '../common/token-store';

const DOCS = 'https://docs.github.com/rest/apps/oauth-applications';

/**
 * The OAuth Authorizations API an app calls with its own Basic credentials:
 * check (POST), revoke (DELETE) a token, and delete the whole grant.
 * https://docs.github.com/rest/apps/oauth-applications
 */
export function applicationRoutes(state: GithubState): Hono {
  const app = new Hono();
  const { tokens, stats } = state.core;

  app.post('/applications/:client_id/token', async (c) => {
    const found = await findToken(state, c);
    if (found instanceof Response) return found;
    return c.json(authorizationJson(state, found, new URL(c.req.url).origin));
  });

  app.delete('/applications/:client_id/token', async (c) => {
    const found = await findToken(state, c);
    if (found instanceof Response) return found;
    tokens.revoke(found.value);
    stats.revocations++;
    return c.body(null, 204);
  });

  // Deleting the grant revokes every token the user gave this app, as un-authorizing it in settings does.
  app.delete('/applications/:client_id/grant', async (c) => {
    const found = await findToken(state, c);
    if (found instanceof Response) return found;
    tokens.revokeWhere((t) => t.clientId === state.clientId && t.account.id === found.account.id);
    stats.revocations++;
    return c.body(null, 204);
  });

  return app;
}

/**
 * Checks the app's Basic credentials, then finds the live token named in the JSON body.
 * A token that is unknown, expired, revoked or another app's is GitHub's 404: nothing is revoked.
 */
async function findToken(state: GithubState, c: Context): Promise<StoredToken<GithubUser> | Response> {
  const basic = basicCredentials(c.req.header('authorization'));
  if (!basic) return c.json(restError(401, 'Requires authentication', DOCS), 401);
  // Another app's (or a wrong) secret gets 404, so client ids cannot be probed.
  if (basic.id !== state.clientId || basic.secret !== state.clientSecret || c.req.param('client_id') !== state.clientId) {
    return c.json(restError(404, 'Not Found', DOCS), 404);
  }
  const { access_token: accessToken } = await readParams(c);
  if (!accessToken) return c.json(restError(422, 'Invalid request.\n\n"access_token" wasn\'t supplied.', DOCS), 422);
  const found = state.core.tokens.lookup(accessToken, 'access');
  if (found.status !== 'valid' || found.token.clientId !== state.clientId) return c.json(restError(404, 'Not Found', DOCS), 404);
  return found.token;
}

function authorizationJson(state: GithubState, token: StoredToken<GithubUser>, origin: string): Record<string, unknown> {
  const created = new Date(token.issuedAt).toISOString();
  return {
    id: token.issuedAt,
    url: `${origin}/authorizations/${token.issuedAt}`,
    scopes: token.scopes,
    token: token.value,
    token_last_eight: token.value.slice(-8),
    hashed_token: null,
    app: { client_id: state.clientId, name: state.appName, url: origin },
    note: null,
    note_url: null,
    updated_at: created,
    created_at: created,
    fingerprint: null,
    expires_at: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
    user: userJson(token.account, origin),
    installation: null,
  };
}

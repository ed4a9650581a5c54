import * as oauth from 'oauth4webapi';
import type { User } from '../../shared/protocol/auth';
import type { AuthorizeRequest } from '../../shared/protocol/connections';
import type { Provider } from '../../shared/providers';
import type { AppDeps } from '../app-context';
import { HttpError, notFound } from '../lib/http-error';
import { nowIso } from '../lib/ids';
import { adapterFor } from '../providers/registry';
import { oauthClient } from './oauth-client';
import { missingOAuthEnv, providerContext } from './provider-context';
import { saveState, STATE_TTL_MS } from './oauth-state';
import { findVisibleConnection } from './repository';

export const callbackUrl = (deps: AppDeps, providerId: string) => `${deps.config.publicUrl}/oauth/${providerId}/callback`;

/**
 * Starts an OAuth authorization: a random single-use state bound to the user (and to
 * the connection being renewed, for Reconnect), PKCE S256 where the provider supports
 * it. Returns the provider's consent URL for the extension to open in a tab.
 */
export async function beginAuthorization(deps: AppDeps, user: User, provider: Provider, body: AuthorizeRequest) {
  if (!provider.oauth) {
    throw new HttpError(400, 'invalid_request', `${provider.name} connects with a key, not OAuth.`);
  }
  const missing = missingOAuthEnv(deps, provider);
  if (missing.length) {
    throw new HttpError(503, 'not_configured', `${provider.name} is not configured on this Weft server. Set ${missing.join(' and ')}.`);
  }
  let workspaceId = user.workspaceId;
  if (body.connectionId) {
    const existing = await findVisibleConnection(deps.db, user.id, body.connectionId);
    if (!existing || existing.provider !== provider.id) throw notFound('That connection');
    workspaceId = existing.workspace_id;
  }
  const c = oauthClient(providerContext(deps, provider, 'oauth2'), adapterFor(provider.id));
  const state = oauth.generateRandomState();
  const codeVerifier = c.oauthConfig.pkce ? oauth.generateRandomCodeVerifier() : null;
  await saveState(deps.db, state, {
    user_id: user.id,
    workspace_id: workspaceId,
    provider: provider.id,
    code_verifier: codeVerifier,
    connection_id: body.connectionId ?? null,
    name: body.name ?? null,
    expires_at: new Date(Date.now() + STATE_TTL_MS).toISOString(),
    created_at: nowIso(),
  });

  const url = new URL(c.as.authorization_endpoint!);
  url.searchParams.set('client_id', c.client.client_id);
  url.searchParams.set('redirect_uri', callbackUrl(deps, provider.id));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', provider.scopes.map((s) => s.name).join(c.oauthConfig.scopeSeparator));
  url.searchParams.set('state', state);
  if (codeVerifier) {
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  for (const [key, value] of Object.entries(c.oauthConfig.authorizeParams ?? {})) url.searchParams.set(key, value);
  return { url: url.toString() };
}

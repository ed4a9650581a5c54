import * as oauth from 'oauth4webapi';
import type { OAuthFailure } from '../../shared/protocol/oauth-result';
import type { Provider } from '../../shared/providers';
import type { AppDeps } from '../app-context';
import { adapterFor } from '../providers/registry';
import { callbackUrl } from './authorize';
import { describeOAuthError, oauthClient, parseScopes } from './oauth-client';
import { consumeState } from './oauth-state';
import { providerContext } from './provider-context';
import { holdGrant } from './pending-grants';

/** Where the callback sends the browser: a held grant to claim, or a failure's code. */
export type CallbackResult = { grant: string } | { status: OAuthFailure };

/**
 * Finishes an OAuth authorization from the provider's redirect: consume the state
 * (single use, bound to a user, 10 minutes), exchange the code (with the PKCE verifier),
 * ask the provider whose account it is, then hold the tokens as a pending grant. Nothing
 * is stored as a connection here: whoever's browser reached this URL, only the user who
 * started the flow can claim the grant, from their own signed-in extension (claim.ts).
 * Failures are reported by code; their details (provider text) go to the log only.
 */
export async function completeAuthorization(deps: AppDeps, provider: Provider, currentUrl: URL): Promise<CallbackResult> {
  const params = currentUrl.searchParams;
  const taken = await consumeState(deps.db, params.get('state'), provider.id);
  if (!taken.ok) return { status: 'invalid_state' };
  const { pending } = taken;
  const error = params.get('error');
  if (error === 'access_denied') return { status: 'denied' };
  if (error) {
    deps.log.warn('The provider ended the OAuth flow with an error.', {
      provider: provider.id,
      reason: (params.get('error_description') ?? error).slice(0, 300),
    });
    return { status: 'error' };
  }

  const ctx = providerContext(deps, provider, 'oauth2');
  const adapter = adapterFor(provider.id);
  try {
    const c = oauthClient(ctx, adapter);
    const callbackParams = new URLSearchParams({ code: params.get('code') ?? '', state: params.get('state') ?? '' });
    const validated = oauth.validateAuthResponse(c.as, c.client, callbackParams, params.get('state')!);
    const response = await oauth.authorizationCodeGrantRequest(
      c.as,
      c.client,
      c.clientAuth,
      validated,
      callbackUrl(deps, provider.id),
      pending.code_verifier ?? oauth.nopkce,
      c.requestOptions,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(c.as, c.client, response, c.processOptions);
    const account = await adapter.identify(ctx, tokens.access_token);
    const grant = await holdGrant(deps.db, deps.vault, pending, account, {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: tokens.expires_in ? new Date(Date.now() + tokens.expires_in * 1000).toISOString() : null,
      scopes: parseScopes(tokens.scope) ?? account.scopes ?? provider.scopes.map((s) => s.name),
    });
    deps.log.info('OAuth consent held for the starting user to claim.', { provider: provider.id, userId: pending.user_id });
    return { grant };
  } catch (err) {
    deps.log.warn('OAuth code exchange failed.', { provider: provider.id, reason: describeOAuthError(provider.name, err) });
    return { status: 'exchange_failed' };
  }
}

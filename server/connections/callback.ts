import * as oauth from 'oauth4webapi';
import type { OAuthOutcome } from '../../shared/protocol/connections';
import type { Provider } from '../../shared/providers';
import type { AppDeps } from '../app-context';
import { adapterFor } from '../providers/registry';
import { callbackUrl } from './authorize';
import { describeOAuthError, oauthClient, parseScopes } from './oauth-client';
import { consumeState } from './oauth-state';
import { providerContext } from './provider-context';
import { publishConnection } from './publish';
import { saveConnection } from './save-connection';

export interface CallbackResult {
  status: OAuthOutcome;
  message: string;
  connectionId?: string;
}

/**
 * Finishes an OAuth authorization from the provider's redirect: consume the state
 * (single use, bound to a user, 10 minutes), exchange the code (with the PKCE verifier),
 * ask the provider whose account it is, then store. Any failure stores nothing.
 */
export async function completeAuthorization(deps: AppDeps, provider: Provider, currentUrl: URL): Promise<CallbackResult> {
  const params = currentUrl.searchParams;
  const taken = await consumeState(deps.db, params.get('state'), provider.id);
  if (!taken.ok) {
    const message =
      taken.reason === 'expired'
        ? `The ${provider.name} sign-in took longer than 10 minutes. Start again from the Weft popup.`
        : `This ${provider.name} sign-in link was already used or did not come from Weft. Start again from the Weft popup.`;
    return { status: 'invalid_state', message };
  }
  const { pending } = taken;
  const error = params.get('error');
  if (error === 'access_denied') {
    return {
      status: 'denied',
      message: `You declined to give Weft access to ${provider.name}, so nothing was connected. Start again from the Weft popup if that was a mistake.`,
    };
  }
  if (error) {
    const detail = params.get('error_description') ?? error;
    return { status: 'error', message: `${provider.name} could not complete the sign-in: ${detail}.` };
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
    const row = await saveConnection(
      deps.db,
      deps.vault,
      provider,
      account,
      {
        authMode: 'oauth2',
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        expiresAt: tokens.expires_in ? new Date(Date.now() + tokens.expires_in * 1000).toISOString() : null,
        scopes: parseScopes(tokens.scope) ?? account.scopes ?? provider.scopes.map((s) => s.name),
      },
      { workspaceId: pending.workspace_id, userId: pending.user_id, connectionId: pending.connection_id, name: pending.name },
    );
    await publishConnection(deps, row.id);
    deps.log.info('Connected via OAuth.', { provider: provider.id, connectionId: row.id, userId: pending.user_id });
    return { status: 'connected', message: `${provider.name} is connected as ${account.label}. You can close this tab.`, connectionId: row.id };
  } catch (err) {
    deps.log.warn('OAuth code exchange failed.', { provider: provider.id, reason: describeOAuthError(provider.name, err) });
    return {
      status: 'exchange_failed',
      message: `${describeOAuthError(provider.name, err)}. Nothing was stored; try connecting again from the Weft popup.`,
    };
  }
}

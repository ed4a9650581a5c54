import * as oauth from 'oauth4webapi';
import type { ProviderAdapter, ProviderContext } from '../providers/adapter';
import { ProviderError } from '../providers/provider-error';
import { INTERACTIVE } from '../providers/retry-policy';

/**
 * oauth4webapi, driven by the catalog's URLs (resolved to the real provider or an
 * emulator). Provider quirks enter through the adapter: a response normaliser in the
 * fetch path, and extra token types.
 */
export function oauthClient(ctx: ProviderContext, adapter: ProviderAdapter) {
  const { provider, settings } = ctx;
  if (!provider.oauth || !settings.clientId || !settings.clientSecret) {
    throw new ProviderError('rejected', provider.name, `${provider.name} sign-in is not configured on this Weft server.`);
  }
  const as: oauth.AuthorizationServer = {
    issuer: new URL(ctx.resolve(provider.oauth.authorizationUrl)).origin,
    authorization_endpoint: ctx.resolve(provider.oauth.authorizationUrl),
    token_endpoint: ctx.resolve(provider.oauth.tokenUrl),
  };
  const client: oauth.Client = { client_id: settings.clientId };
  const clientAuth = oauth.ClientSecretPost(settings.clientSecret);
  const customFetch: typeof fetch = async (input, init) => {
    const response = await ctx.fetch(input, init);
    return adapter.normalizeTokenResponse ? adapter.normalizeTokenResponse(response) : response;
  };
  const requestOptions = {
    [oauth.customFetch]: customFetch,
    // The token endpoint speaks OAuth, so oauth4webapi calls it, not provider-http.ts; it
    // gets the same per-attempt timeout.
    signal: () => AbortSignal.timeout(INTERACTIVE.timeoutMs),
    // Emulators in tests and the demo are plain http on 127.0.0.1; real providers are https.
    [oauth.allowInsecureRequests]: as.token_endpoint!.startsWith('http:'),
  };
  const processOptions = {
    recognizedTokenTypes: Object.fromEntries((adapter.extraTokenTypes ?? []).map((t) => [t, () => {}])),
  };
  return { as, client, clientAuth, requestOptions, processOptions, oauthConfig: provider.oauth };
}

export type OAuthClient = ReturnType<typeof oauthClient>;

/** Turns oauth4webapi's errors into a sentence naming the provider and its reason. */
export function describeOAuthError(providerName: string, error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) {
    return `${providerName} answered: ${error.error_description ?? error.error}`;
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    return `${providerName} answered: ${error.error_description ?? error.error}`;
  }
  if (error instanceof ProviderError) return error.message;
  if (error instanceof TypeError) return `Could not reach ${providerName}.`;
  return `${providerName} sent an answer Weft could not read.`;
}

/** Scopes as providers return them: RFC 6749 says space-separated; GitHub and Slack use commas. */
export const parseScopes = (scope: unknown): string[] | undefined =>
  typeof scope === 'string' ? scope.split(/[ ,]+/).filter(Boolean) : undefined;

import type { AppDeps } from '../app-context';
import { HttpError } from '../lib/http-error';
import type { ProviderContext } from '../providers/adapter';
import { createUrlResolver } from '../providers/urls';
import { findProvider, type Provider } from '../../shared/providers';
import type { ConnectionRow } from './repository';
import { envName } from '../config';

export function requireProvider(id: string): Provider {
  const provider = findProvider(id);
  if (!provider) throw new HttpError(404, 'not_found', `Weft has no provider called "${id}".`);
  return provider;
}

/** How to reach a provider from this server: URLs (real or emulator), app credentials. */
export function providerContext(deps: AppDeps, provider: Provider, authMode: ConnectionRow['auth_mode']): ProviderContext {
  const settings = deps.config.providers[provider.id] ?? {};
  return {
    provider,
    settings,
    resolve: createUrlResolver(provider, settings),
    fetch: deps.fetch,
    placement: authMode === 'oauth2' ? 'bearer' : (provider.apiKey?.placement ?? 'bearer'),
  };
}

/**
 * The env vars an OAuth provider still needs on this server (empty when configured):
 * the app credentials, and for per-customer hosts (`{subdomain}`) the customer's origins.
 */
export function missingOAuthEnv(deps: AppDeps, provider: Provider): string[] {
  if (!provider.oauth) return [];
  const settings = deps.config.providers[provider.id] ?? {};
  const prefix = `WEFT_${envName(provider.id)}_`;
  const perCustomer = (host: string) => host.includes('{');
  return [
    ...(settings.clientId ? [] : [`${prefix}CLIENT_ID`]),
    ...(settings.clientSecret ? [] : [`${prefix}CLIENT_SECRET`]),
    ...(perCustomer(provider.hosts.web) && !settings.authOrigin ? [`${prefix}AUTH_URL`] : []),
    ...(perCustomer(provider.hosts.api) && !settings.apiOrigin ? [`${prefix}API_URL`] : []),
  ];
}

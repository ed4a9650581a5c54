import type { Provider } from '../../shared/providers';
import type { AppDeps } from '../app-context';
import { HttpError } from '../lib/http-error';
import type { AccountInfo } from '../providers/adapter';
import { ProviderError, providerHttpError } from '../providers/provider-error';
import { adapterFor } from '../providers/registry';
import { providerContext } from './provider-context';

/** The auth mode a pasted credential gets for this provider. */
export const keyAuthMode = (provider: Provider) => (provider.authMode === 'bot_token' ? 'bot_token' : 'api_key');

/** True when Weft can check a pasted key for this provider before storing it. */
export const canVerifyKey = (provider: Provider) => Boolean(provider.apiKey && provider.identity);

/**
 * Checks a pasted token against the provider before anything is stored. A token the
 * provider refuses is a 400 carrying the provider's reason; a provider that cannot be
 * reached is a 502, so the user knows to retry rather than to fix the token.
 */
export async function verifyPastedToken(deps: AppDeps, provider: Provider, token: string): Promise<AccountInfo> {
  if (!provider.apiKey) {
    throw new HttpError(400, 'invalid_request', `${provider.name} connects through its sign-in page, not with a pasted key.`);
  }
  if (!canVerifyKey(provider)) {
    throw new HttpError(400, 'invalid_request', `Weft cannot check ${provider.name} keys yet, so it will not store one unchecked.`);
  }
  try {
    return await adapterFor(provider.id).identify(providerContext(deps, provider, keyAuthMode(provider)), token);
  } catch (error) {
    throw toHttpError(error);
  }
}

export function toHttpError(error: unknown): unknown {
  return error instanceof ProviderError ? providerHttpError(error) : error;
}

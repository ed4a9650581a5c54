import * as oauth from 'oauth4webapi';
import type { AccountInfo, ProviderAdapter, ProviderContext } from './adapter';
import { providerRequest } from './provider-http';
import { INTERACTIVE } from './retry-policy';
import { ProviderError } from './provider-error';

/** Reads `a.b.c` from parsed JSON. */
export function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

/** Calls the catalog's identity endpoint with the credential; the answer names the account. */
export async function identifyFromCatalog(ctx: ProviderContext, token: string): Promise<AccountInfo & { raw: unknown; headers: Headers }> {
  const { provider } = ctx;
  if (!provider.identity) {
    throw new ProviderError('rejected', provider.name, `Weft cannot check ${provider.name} credentials yet.`);
  }
  // The catalog names the fields by path (accountIdPath), so the answer is read by path, not by a schema.
  const { body: json, headers } = await providerRequest(ctx, {
    providerName: provider.name,
    url: ctx.resolve(provider.identity.url),
    method: provider.identity.method,
    credential: { value: token, placement: ctx.placement },
  });
  const id = getPath(json, provider.identity.accountIdPath);
  const label = getPath(json, provider.identity.accountLabelPath) ?? id;
  if (id === undefined || id === null) {
    throw new ProviderError('rejected', provider.name, `${provider.name} did not say which account this credential belongs to.`);
  }
  return { id: String(id), label: String(label), raw: json, headers };
}

/** RFC 7009 revocation at the catalog's revocation URL, for providers that follow it. */
async function revokeStandard(ctx: ProviderContext, tokens: { accessToken: string; refreshToken: string | null }) {
  const { provider, settings } = ctx;
  if (!provider.oauth?.revocationUrl || !settings.clientId || !settings.clientSecret) return false;
  const as: oauth.AuthorizationServer = {
    issuer: new URL(ctx.resolve(provider.oauth.authorizationUrl)).origin,
    revocation_endpoint: ctx.resolve(provider.oauth.revocationUrl),
  };
  const response = await oauth.revocationRequest(
    as,
    { client_id: settings.clientId },
    oauth.ClientSecretPost(settings.clientSecret),
    tokens.refreshToken ?? tokens.accessToken,
    { [oauth.customFetch]: ctx.fetch, [oauth.allowInsecureRequests]: as.revocation_endpoint!.startsWith('http:'), signal: () => AbortSignal.timeout(INTERACTIVE.timeoutMs) },
  );
  await oauth.processRevocationResponse(response);
  return true;
}

export const genericAdapter: ProviderAdapter = {
  identify: (ctx, token) => identifyFromCatalog(ctx, token),
  revoke: revokeStandard,
};

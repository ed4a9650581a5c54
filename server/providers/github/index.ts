import type { ProviderAdapter } from '../adapter';
import { providerRequest } from '../provider-http';
import { identifyFromCatalog } from '../generic';
import { jsonErrorAsStatus } from '../normalize-token-response';

/**
 * GitHub's connection quirks:
 * - the token endpoint answers errors with HTTP 200 and `{error}` (turned into a 400);
 * - granted scopes come in the `X-OAuth-Scopes` header of any API call;
 * - revocation is `DELETE /applications/{client_id}/token` with the app's Basic credentials.
 * https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
 */
export const githubAdapter: ProviderAdapter = {
  async identify(ctx, token) {
    const { id, label, headers } = await identifyFromCatalog(ctx, token);
    const scopes = headers.get('x-oauth-scopes');
    return { id, label, scopes: scopes ? scopes.split(/[ ,]+/).filter(Boolean) : undefined };
  },

  async revoke(ctx, { accessToken }) {
    const { clientId, clientSecret } = ctx.settings;
    if (!clientId || !clientSecret) return false;
    await providerRequest(ctx, {
      providerName: 'GitHub',
      url: ctx.resolve(`https://api.github.com/applications/${encodeURIComponent(clientId)}/token`),
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
      json: { access_token: accessToken },
    });
    return true;
  },

  normalizeTokenResponse: (response) => jsonErrorAsStatus(response, (body) => typeof body.error === 'string'),
};

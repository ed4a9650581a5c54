import type { ProviderAdapter } from '../adapter';
import { callProvider } from '../call-provider';
import { identifyFromCatalog } from '../generic';

interface AccountDetails {
  portalId: number;
  accountType?: string;
  uiDomain?: string;
}

/**
 * HubSpot's connection quirks:
 * - one identity call serves OAuth tokens and private-app tokens (`pat-na1-…`):
 *   `GET /account-info/v3/details` → portalId;
 * - OAuth tokens use the dated v3 endpoints (`/oauth/2026-03/token`, `/token/revoke`),
 *   parameters in a form body (client_secret_post); revoke takes the refresh token.
 * https://developers.hubspot.com/docs/api-reference/auth-oauth-v3/guide
 */
export const hubspotAdapter: ProviderAdapter = {
  async identify(ctx, token) {
    const { id, raw } = await identifyFromCatalog(ctx, token);
    const details = raw as AccountDetails;
    // A sandbox or developer portal is worth telling apart from the real one.
    const kind = details.accountType && details.accountType !== 'STANDARD' ? ` (${details.accountType.toLowerCase()})` : '';
    return { id, label: `Portal ${id}${kind}` };
  },

  async revoke(ctx, { refreshToken }) {
    const { clientId, clientSecret } = ctx.settings;
    const url = ctx.provider.oauth?.revocationUrl;
    // A private-app token has no refresh token and cannot be revoked by API.
    if (!refreshToken || !clientId || !clientSecret || !url) return false;
    await callProvider({
      providerName: 'HubSpot',
      url: ctx.resolve(url),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: refreshToken,
        token_type_hint: 'refresh_token',
        client_id: clientId,
        client_secret: clientSecret,
      }),
      fetch: ctx.fetch,
    });
    return true;
  },
};

import type { ProviderAdapter } from '../adapter';
import { identifyFromCatalog } from '../generic';
import { providerRequest } from '../provider-http';
import { hubspotAccountDetails } from './responses';

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
    const details = hubspotAccountDetails.parse(raw);
    // A sandbox or developer portal is worth telling apart from the real one.
    const kind = details.accountType && details.accountType !== 'STANDARD' ? ` (${details.accountType.toLowerCase()})` : '';
    return { id, label: `Portal ${id}${kind}` };
  },

  async revoke(ctx, { refreshToken }) {
    const { clientId, clientSecret } = ctx.settings;
    const url = ctx.provider.oauth?.revocationUrl;
    // A private-app token has no refresh token and cannot be revoked by API.
    if (!refreshToken || !clientId || !clientSecret || !url) return false;
    await providerRequest(ctx, {
      providerName: 'HubSpot',
      url: ctx.resolve(url),
      method: 'POST',
      form: new URLSearchParams({
        token: refreshToken,
        token_type_hint: 'refresh_token',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    });
    return true;
  },
};

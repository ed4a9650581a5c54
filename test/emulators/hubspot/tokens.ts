import { randomUUID } from 'node:crypto';
import { randomBase64Url, randomHex } from '../common/random';
import type { StoredToken } from '../common/token-store';
import type { HubspotInstall } from './fixtures';
import type { HubspotIssueOptions, HubspotState } from './state';

/**
 * HubSpot credential shapes: opaque base64-ish access tokens (HubSpot says allow up to
 * 300 characters), refresh tokens `<hublet>-xxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, and
 * private-app tokens `pat-<hublet>-<uuid>`.
 */
const hubspotToken = {
  access: () => `C${randomBase64Url(110)}`,
  refresh: (hublet: string) => `${hublet}-${randomHex(2)}-${randomHex(2)}-${randomHex(2)}-${randomHex(2)}-${randomHex(6)}`,
  privateApp: (hublet: string) => `pat-${hublet}-${randomUUID()}`,
};

/** An access token for an OAuth install, tied to the refresh token it came from. */
function issueAccess(state: HubspotState, install: HubspotInstall, scopes: string[], refresh: string): StoredToken<HubspotInstall> {
  return state.core.tokens.add({
    value: hubspotToken.access(),
    type: 'access',
    kind: 'oauth',
    account: install,
    scopes,
    clientId: state.clientId,
    expiresAt: state.core.now() + state.accessTokenTtl * 1000,
    partner: refresh,
  });
}

function issueRefresh(state: HubspotState, install: HubspotInstall, scopes: string[]): StoredToken<HubspotInstall> {
  const value = hubspotToken.refresh(install.account.dataHostingLocation);
  return state.core.tokens.add({ value, type: 'refresh', kind: 'oauth', account: install, scopes, clientId: state.clientId, expiresAt: null });
}

/** The token endpoint's success body (snake_case, plus hub_id and scopes since August 2025). */
export function tokenResponse(access: StoredToken<HubspotInstall>, refresh: string, ttl: number) {
  return { token_type: 'bearer', refresh_token: refresh, access_token: access.value, expires_in: ttl, hub_id: access.account.account.portalId, scopes: access.scopes };
}

export function issueForCode(state: HubspotState, install: HubspotInstall, scopes: string[]) {
  const refresh = issueRefresh(state, install, scopes);
  return tokenResponse(issueAccess(state, install, scopes, refresh.value), refresh.value, state.accessTokenTtl);
}

/** A refresh: new access token; HubSpot keeps the refresh token unless rotation is switched on. */
export function issueForRefresh(state: HubspotState, used: StoredToken<HubspotInstall>) {
  let refresh = used;
  if (state.rotateRefreshTokens) {
    state.core.tokens.revoke(used.value, { withPartner: false });
    refresh = issueRefresh(state, used.account, used.scopes);
  }
  return tokenResponse(issueAccess(state, used.account, used.scopes, refresh.value), refresh.value, state.accessTokenTtl);
}

export function issuePrivateAppToken(state: HubspotState, options: HubspotIssueOptions = {}): string {
  const install: HubspotInstall = {
    ...state.install,
    account: { ...state.install.account, ...options.account },
    user: { ...state.install.user, ...options.user },
  };
  return state.core.tokens.add({
    value: hubspotToken.privateApp(install.account.dataHostingLocation),
    type: 'access',
    kind: 'private-app',
    account: install,
    scopes: options.scopes ?? ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.companies.read', 'crm.objects.deals.read'],
    clientId: null,
    expiresAt: null,
  }).value;
}

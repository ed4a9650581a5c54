import { oauthOutcomeMessage, type OAuthOutcome } from '@@/shared/protocol';
import { api } from './api';
import { ApiError } from './api-error';
import { db } from './db';
import { providerLabel } from './provider-label';
import { claimedOAuthGrants, type OAuthOutcomeRecord } from './settings';

/** How many claimed grant ids to remember; a grant lives 10 minutes on the server. */
const CLAIMED_KEPT = 50;

/**
 * Asks the server to store a grant for this extension's user. The server refuses (404)
 * unless this user started the flow, and then discards the grant for good.
 */
export async function claimGrant(grant: string, provider: string): Promise<OAuthOutcomeRecord> {
  try {
    const { connection } = await api.claimGrant(grant);
    const account = connection.account ? ` as ${connection.account.label}` : '';
    return { provider: connection.provider, status: 'connected', message: `Connected${account}.`, at: Date.now() };
  } catch (err) {
    const message = err instanceof ApiError ? err.message : await outcomeMessage('error', provider);
    return { provider, status: 'error', message, at: Date.now() };
  }
}

/** The catalog's name from the cache when it is there; the id otherwise. */
export async function outcomeMessage(status: OAuthOutcome, providerId: string): Promise<string> {
  const cached = await db.providers.get(providerId).catch(() => undefined);
  return oauthOutcomeMessage(status, providerLabel(providerId, cached?.name));
}

/** True the first time a grant is seen: a reloaded result page must not claim twice. */
export async function firstClaim(grant: string): Promise<boolean> {
  const seen = await claimedOAuthGrants.getValue();
  if (seen.includes(grant)) return false;
  await claimedOAuthGrants.setValue([...seen, grant].slice(-CLAIMED_KEPT));
  return true;
}

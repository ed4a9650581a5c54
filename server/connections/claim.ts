import { timingSafeEqual } from 'node:crypto';
import type { User } from '../../shared/protocol/auth';
import { findProvider } from '../../shared/providers';
import type { AppDeps } from '../app-context';
import { HttpError } from '../lib/http-error';
import { adapterFor } from '../providers/registry';
import { deleteExpiredGrants, markGrantDiscarded, takeGrant, type GrantCredentials, type GrantRow } from './pending-grants';
import { providerContext } from './provider-context';
import { publishConnection } from './publish';
import { findVisibleConnection } from './repository';
import { saveConnection, type SavedConnection } from './save-connection';

/** One answer for unknown, used, expired and someone else's grants: none reveals which. */
const grantNotFound = () =>
  new HttpError(404, 'not_found', 'This sign-in cannot be finished here: it expired, was already used, or was started from another Weft account. Nothing was stored.');

/**
 * `POST /api/connections/claim`: stores a held consent as a connection, but only for the
 * user who started the flow, signed in where the consent ended (their extension makes
 * this call with its own session). Anyone else's claim discards the grant and revokes
 * the token at the provider, so a consent URL sent to a stranger connects nothing.
 */
export async function claimGrant(deps: AppDeps, user: User, grantId: string): Promise<SavedConnection> {
  const taken = await takeGrant(deps.db, deps.vault, grantId, user.id);
  if (!taken) throw grantNotFound();
  const { grant, credentials } = taken;
  const provider = findProvider(grant.provider);
  if (grant.user_id !== user.id || !provider) {
    deps.log.warn('OAuth grant claimed by a user who did not start it; discarded.', {
      provider: grant.provider,
      startedBy: grant.user_id,
      claimedBy: user.id,
    });
    await revokeGrant(deps, grant, credentials);
    throw grantNotFound();
  }
  try {
    // A Reconnect whose connection was deleted meanwhile becomes a new connection.
    const renew = grant.connection_id && (await findVisibleConnection(deps.db, user.id, grant.connection_id));
    const saved = await saveConnection(
      deps.db,
      deps.vault,
      provider,
      { id: grant.account_id, label: grant.account_label },
      { authMode: 'oauth2', ...credentials },
      { workspaceId: grant.workspace_id, userId: user.id, connectionId: renew ? grant.connection_id : null, name: grant.name },
    );
    // A consent for an account already connected renews that connection (save-connection.ts).
    await publishConnection(deps, saved.row.id, { kind: saved.created ? 'connected' : 'reconnected' });
    deps.log.info('Connected via OAuth.', { provider: provider.id, connectionId: saved.row.id, userId: user.id });
    return saved;
  } catch (error) {
    await markGrantDiscarded(deps.db, grant);
    await revokeGrant(deps, grant, credentials);
    throw error;
  }
}

/**
 * Revokes a grant's token at the provider, best effort. Skipped when a stored connection
 * holds the very same token: some providers (Slack's bot tokens) hand out the same token
 * again on a second consent, and revoking it would cut off the connection already in use.
 */
export async function revokeGrant(deps: AppDeps, grant: GrantRow, credentials: GrantCredentials | null): Promise<boolean> {
  const provider = findProvider(grant.provider);
  const adapter = provider && adapterFor(provider.id);
  if (!provider || !adapter?.revoke || !credentials) return false;
  try {
    if (await tokenInUse(deps, grant, credentials.accessToken)) return false;
    return await adapter.revoke(providerContext(deps, provider, 'oauth2'), credentials);
  } catch (error) {
    deps.log.warn('Could not revoke a discarded OAuth grant.', {
      provider: provider.id,
      reason: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

async function tokenInUse(deps: AppDeps, grant: GrantRow, accessToken: string): Promise<boolean> {
  const rows = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('provider', '=', grant.provider)
    .where('account_id', '=', grant.account_id)
    .execute();
  const wanted = Buffer.from(accessToken);
  return rows.some((row) => {
    const stored = Buffer.from(deps.tokens.decrypt(row).accessToken);
    return stored.length === wanted.length && timingSafeEqual(stored, wanted);
  });
}

/** The minute sweep: expired grants are deleted, and the tokens nobody claimed revoked. */
export async function sweepExpiredGrants(deps: AppDeps): Promise<void> {
  const unclaimed = await deleteExpiredGrants(deps.db, deps.vault);
  for (const { grant, credentials } of unclaimed) await revokeGrant(deps, grant, credentials);
  if (unclaimed.length) deps.log.info('Deleted unclaimed OAuth grants.', { count: unclaimed.length });
}

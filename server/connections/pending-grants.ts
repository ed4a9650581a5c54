import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { nowIso } from '../lib/ids';
import type { AccountInfo } from '../providers/adapter';
import type { Database, OAuthGrantsTable } from '../store/schema';
import type { PendingAuthorization } from './oauth-state';
import type { NewCredentials } from './save-connection';
import type { Vault } from './vault';

/** How long a consent waits for the extension of the user who started it. */
export const GRANT_TTL_MS = 10 * 60_000;

export type GrantRow = Selectable<OAuthGrantsTable>;
export type GrantCredentials = Omit<NewCredentials, 'authMode'>;

const hash = (grantId: string) => createHash('sha256').update(grantId).digest('hex');

/** The sealed tokens are bound to their row: copied into another grant, they fail to open. */
export const grantAad = (idHash: string) => `oauth_grant:${idHash}:tokens`;

const openCredentials = (vault: Vault, idHash: string, sealed: string) =>
  JSON.parse(vault.open(sealed, grantAad(idHash))) as GrantCredentials;

/**
 * Holds a provider's consent instead of storing it: the callback's browser may not be
 * the browser of the user who started the flow (a consent URL can be sent to anyone).
 * Returns the grant id for the result page's URL: 256 random bits, stored only hashed.
 */
export async function holdGrant(
  db: Kysely<Database>,
  vault: Vault,
  pending: PendingAuthorization,
  account: AccountInfo,
  credentials: GrantCredentials,
): Promise<string> {
  const grantId = randomBytes(32).toString('base64url');
  const idHash = hash(grantId);
  await db
    .insertInto('oauth_grants')
    .values({
      id_hash: idHash,
      user_id: pending.user_id,
      workspace_id: pending.workspace_id,
      provider: pending.provider,
      connection_id: pending.connection_id,
      name: pending.name,
      account_id: account.id,
      account_label: account.label,
      tokens: vault.seal(JSON.stringify(credentials), grantAad(idHash)),
      state: 'pending',
      expires_at: new Date(Date.now() + GRANT_TTL_MS).toISOString(),
      created_at: nowIso(),
    })
    .execute();
  return grantId;
}

/**
 * Takes a pending, unexpired grant for `claimerId`, at most once: the UPDATE that marks
 * it used matches only while it is still pending, so of two racing claims one wins and
 * the other finds nothing. The tokens leave the row in the same UPDATE. The grant ends
 * `connected` when the claimer started the flow, `discarded` otherwise.
 */
export async function takeGrant(
  db: Kysely<Database>,
  vault: Vault,
  grantId: string,
  claimerId: string,
): Promise<{ grant: GrantRow; credentials: GrantCredentials } | null> {
  const idHash = hash(grantId);
  const grant = await db
    .selectFrom('oauth_grants')
    .selectAll()
    .where('id_hash', '=', idHash)
    .where('state', '=', 'pending')
    .where('expires_at', '>', nowIso())
    .executeTakeFirst();
  if (!grant?.tokens) return null;
  const taken = await db
    .updateTable('oauth_grants')
    .set({ tokens: null, state: grant.user_id === claimerId ? 'connected' : 'discarded' })
    .where('id_hash', '=', idHash)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return null;
  return { grant, credentials: openCredentials(vault, grant.id_hash, grant.tokens) };
}

/** Marks a taken grant discarded: storing it failed after it was taken. */
export async function markGrantDiscarded(db: Kysely<Database>, grant: GrantRow) {
  await db.updateTable('oauth_grants').set({ state: 'discarded', tokens: null }).where('id_hash', '=', grant.id_hash).execute();
}

export type GrantView = { state: GrantRow['state']; provider: string; accountLabel: string; weftEmail: string };

/** What the result page may say about a grant: nothing once it has expired or is unknown. */
export async function viewGrant(db: Kysely<Database>, grantId: string): Promise<GrantView | null> {
  const row = await db
    .selectFrom('oauth_grants')
    .innerJoin('users', 'users.id', 'oauth_grants.user_id')
    .select(['oauth_grants.state', 'oauth_grants.provider', 'oauth_grants.account_label', 'users.email'])
    .where('oauth_grants.id_hash', '=', hash(grantId))
    .where('oauth_grants.expires_at', '>', nowIso())
    .executeTakeFirst();
  return row ? { state: row.state, provider: row.provider, accountLabel: row.account_label, weftEmail: row.email } : null;
}

/**
 * Deletes expired grants and hands over the credentials of those nobody claimed, for
 * revocation. DELETE … RETURNING gives each row to exactly one sweep. A row whose tokens
 * no longer open (altered, or sealed with a retired key) is deleted all the same.
 */
export async function deleteExpiredGrants(db: Kysely<Database>, vault: Vault) {
  const rows = await db.deleteFrom('oauth_grants').where('expires_at', '<=', nowIso()).returningAll().execute();
  const unclaimed: { grant: GrantRow; credentials: GrantCredentials | null }[] = [];
  for (const grant of rows) {
    if (grant.tokens === null) continue;
    let credentials: GrantCredentials | null = null;
    try {
      credentials = openCredentials(vault, grant.id_hash, grant.tokens);
    } catch {
      // Reported by the caller as a grant it could not revoke.
    }
    unclaimed.push({ grant, credentials });
  }
  return unclaimed;
}

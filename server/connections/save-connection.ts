import type { Kysely } from 'kysely';
import type { Provider } from '../../shared/providers';
import { HttpError } from '../lib/http-error';
import { newId, nowIso } from '../lib/ids';
import type { AccountInfo } from '../providers/adapter';
import type { Database } from '../store/schema';
import { isUniqueViolation } from '../store/unique-violation';
import type { ConnectionRow } from './repository';
import type { Vault } from './vault';
import { tokenAad } from './vault-check';

export interface NewCredentials {
  authMode: ConnectionRow['auth_mode'];
  accessToken: string;
  refreshToken: string | null;
  expiresAt: string | null;
  scopes: string[];
}

interface Target {
  workspaceId: string;
  userId: string;
  /** Renew this connection instead of creating one (Reconnect, rotation). */
  connectionId?: string | null;
  name?: string | null;
}

export interface SavedConnection {
  row: ConnectionRow;
  /** False when an existing connection was renewed: the same account connected again, or a Reconnect. */
  created: boolean;
}

/** The columns of the unique index `connections_one_per_account` (migration 007). */
const ACCOUNT_KEY = ['workspace_id', 'provider', 'account_id', 'auth_mode'] as const;

/**
 * Stores a verified credential, encrypted and bound to its row. One provider account is
 * one connection per workspace (and auth mode): connecting it again renews that
 * connection, and two connects at the same moment end with one row, because the
 * database's unique index decides, not the order in which two requests' awaits resume.
 *
 * The write is an insert that does nothing on conflict, then an update of the row that
 * won, rather than one `ON CONFLICT DO UPDATE`: each token is sealed bound to its row id
 * (vault AAD), and which id that is only the conflict can tell.
 */
export async function saveConnection(
  db: Kysely<Database>,
  vault: Vault,
  provider: Provider,
  account: AccountInfo,
  creds: NewCredentials,
  target: Target,
): Promise<SavedConnection> {
  const now = nowIso();
  const fields = (id: string) => ({
    access_token: vault.seal(creds.accessToken, tokenAad(id, 'access_token')),
    refresh_token: creds.refreshToken === null ? null : vault.seal(creds.refreshToken, tokenAad(id, 'refresh_token')),
    auth_mode: creds.authMode,
    account_id: account.id,
    account_label: account.label,
    scopes: JSON.stringify(creds.scopes),
    status: 'active' as const,
    status_reason: null,
    expires_at: creds.expiresAt,
    updated_at: now,
    last_used_at: now,
  });
  const renew = async (id: string) => {
    try {
      const updated = await db
        .updateTable('connections')
        .set({ ...fields(id), ...(target.name ? { name: target.name } : {}) })
        .where('id', '=', id)
        .executeTakeFirst();
      return updated.numUpdatedRows > 0n;
    } catch (error) {
      throw isUniqueViolation(error) ? await accountTakenError(db, provider, account, creds, target) : error;
    }
  };
  const read = (id: string) => db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  if (target.connectionId) {
    if (await renew(target.connectionId)) return { row: await read(target.connectionId), created: false };
  }
  // A few rounds at most: each ends in an insert, or an update of the row the insert lost
  // to; only a delete of that row in between sends it round again.
  for (let round = 0; round < 3; round++) {
    const id = newId('con');
    const inserted = await db
      .insertInto('connections')
      .values({ id, workspace_id: target.workspaceId, created_by: target.userId, provider: provider.id, name: target.name ?? account.label, created_at: now, ...fields(id) })
      .onConflict((oc) => oc.columns([...ACCOUNT_KEY]).doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows ?? 0n) return { row: await read(id), created: true };
    const existing = await findAccountConnection(db, provider, account, creds, target);
    if (existing && (await renew(existing.id))) return { row: await read(existing.id), created: false };
  }
  throw new Error(`Could not store the ${provider.name} connection: its row kept changing underneath.`);
}

function findAccountConnection(db: Kysely<Database>, provider: Provider, account: AccountInfo, creds: NewCredentials, target: Target) {
  return db
    .selectFrom('connections')
    .select(['id', 'name'])
    .where('workspace_id', '=', target.workspaceId)
    .where('provider', '=', provider.id)
    .where('account_id', '=', account.id)
    .where('auth_mode', '=', creds.authMode)
    .executeTakeFirst();
}

/** A Reconnect or rotation whose credential belongs to an account another connection already holds. */
async function accountTakenError(db: Kysely<Database>, provider: Provider, account: AccountInfo, creds: NewCredentials, target: Target) {
  const other = await findAccountConnection(db, provider, account, creds, target);
  const as = other ? ` as “${other.name}”` : '';
  return new HttpError(409, 'conflict', `This ${provider.name} account is already connected${as}. Update that connection instead, or delete it first.`);
}


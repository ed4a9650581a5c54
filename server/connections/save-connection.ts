import type { Kysely } from 'kysely';
import type { Provider } from '../../shared/providers';
import { newId, nowIso } from '../lib/ids';
import type { AccountInfo } from '../providers/adapter';
import type { Database } from '../store/schema';
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

/**
 * Stores a verified credential, encrypted and bound to its row. Connecting the same
 * provider account twice in a workspace renews the existing connection rather than
 * leaving two copies of one account to drift apart.
 */
export async function saveConnection(
  db: Kysely<Database>,
  vault: Vault,
  provider: Provider,
  account: AccountInfo,
  creds: NewCredentials,
  target: Target,
): Promise<ConnectionRow> {
  const existingId =
    target.connectionId ??
    (
      await db
        .selectFrom('connections')
        .select('id')
        .where('workspace_id', '=', target.workspaceId)
        .where('provider', '=', provider.id)
        .where('account_id', '=', account.id)
        .where('auth_mode', '=', creds.authMode)
        .executeTakeFirst()
    )?.id;
  const id = existingId ?? newId('con');
  const now = nowIso();
  const secret = {
    access_token: vault.seal(creds.accessToken, tokenAad(id, 'access_token')),
    refresh_token: creds.refreshToken === null ? null : vault.seal(creds.refreshToken, tokenAad(id, 'refresh_token')),
  };
  const common = {
    ...secret,
    auth_mode: creds.authMode,
    account_id: account.id,
    account_label: account.label,
    scopes: JSON.stringify(creds.scopes),
    status: 'active' as const,
    status_reason: null,
    expires_at: creds.expiresAt,
    updated_at: now,
    last_used_at: now,
  };
  if (existingId) {
    await db
      .updateTable('connections')
      .set({ ...common, ...(target.name ? { name: target.name } : {}) })
      .where('id', '=', existingId)
      .execute();
  } else {
    await db
      .insertInto('connections')
      .values({
        id,
        workspace_id: target.workspaceId,
        created_by: target.userId,
        provider: provider.id,
        name: target.name ?? account.label,
        created_at: now,
        ...common,
      })
      .execute();
  }
  return db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

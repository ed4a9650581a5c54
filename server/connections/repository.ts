import type { Kysely, Selectable } from 'kysely';
import type { Connection } from '../../shared/protocol/connections';
import type { ConnectionsTable, Database } from '../store/schema';

export type ConnectionRow = Selectable<ConnectionsTable>;

/** The browser's view of a row: no ciphertext leaves this function. */
export function toConnectionView(row: ConnectionRow): Connection {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    workspaceId: row.workspace_id,
    createdBy: row.created_by,
    authMode: row.auth_mode,
    account: row.account_id ? { id: row.account_id, label: row.account_label ?? row.account_id } : null,
    status: row.status,
    statusReason: row.status_reason,
    scopes: JSON.parse(row.scopes) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}

/**
 * A connection the caller may see: it must sit in one of their workspaces. Anything
 * else is "not found", so ids of other people's connections reveal nothing.
 */
export async function findVisibleConnection(db: Kysely<Database>, userId: string, connectionId: string) {
  return db
    .selectFrom('connections')
    .selectAll('connections')
    .innerJoin('workspace_members', 'workspace_members.workspace_id', 'connections.workspace_id')
    .where('workspace_members.user_id', '=', userId)
    .where('connections.id', '=', connectionId)
    .executeTakeFirst();
}

export async function listVisibleConnections(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('connections')
    .selectAll('connections')
    .innerJoin('workspace_members', 'workspace_members.workspace_id', 'connections.workspace_id')
    .where('workspace_members.user_id', '=', userId)
    // Oldest first; the id breaks ties, so the order holds on PostgreSQL too, where an
    // updated row moves within the table.
    .orderBy('connections.created_at')
    .orderBy('connections.id')
    .execute();
}

export async function markStatus(
  db: Kysely<Database>,
  connectionId: string,
  status: ConnectionRow['status'],
  reason: string | null,
) {
  await db
    .updateTable('connections')
    .set({ status, status_reason: reason, updated_at: new Date().toISOString() })
    .where('id', '=', connectionId)
    .execute();
}

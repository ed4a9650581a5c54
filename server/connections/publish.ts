import type { Kysely } from 'kysely';
import type { EventLog } from '../events/event-log';
import type { Database } from '../store/schema';
import { findProvider } from '../../shared/providers';
import { toConnectionView, type ConnectionRow } from './repository';

type Deps = { db: Kysely<Database>; events: EventLog };

/**
 * Tells every browser of the workspace that a connection changed (added, renamed,
 * tested, expired, reconnected), through the event log like everything else they learn.
 * The payload is the browser's view: it never carries a token.
 */
export async function publishConnection(deps: Deps, connectionId: string): Promise<void> {
  const row = await deps.db.selectFrom('connections').selectAll().where('id', '=', connectionId).executeTakeFirst();
  if (!row) return;
  const connection = toConnectionView(row);
  const name = findProvider(row.provider)?.name ?? row.provider;
  const state = row.status === 'active' ? 'is connected' : row.status === 'expired' ? 'has expired' : 'has an error';
  await deps.events.append([
    {
      workspaceId: row.workspace_id,
      type: 'connection.updated',
      provider: row.provider,
      connectionId: row.id,
      summary: { title: `${name} (${row.name}) ${state}`, url: null, actor: null, assignees: [], mentions: [], subject: `connection:${row.id}` },
      payload: { connection },
    },
  ]);
}

export async function publishDeletion(deps: Deps, row: ConnectionRow): Promise<void> {
  const name = findProvider(row.provider)?.name ?? row.provider;
  await deps.events.append([
    {
      workspaceId: row.workspace_id,
      type: 'connection.updated',
      provider: row.provider,
      connectionId: row.id,
      summary: { title: `${name} (${row.name}) was removed`, url: null, actor: null, assignees: [], mentions: [], subject: `connection:${row.id}` },
      payload: { deleted: true, id: row.id },
    },
  ]);
}

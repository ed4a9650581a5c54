import type { Kysely } from 'kysely';
import type { EventLog } from '../events/event-log';
import type { Database } from '../store/schema';
import { findProvider } from '../../shared/providers';
import { connectionSentence, connectionUpdatedType, type ConnectionChange, type ConnectionUpdatePayload } from '../../shared/protocol/activity';
import { followConnectionStatus } from '../flows/instances/connection-status';
import { toConnectionView, type ConnectionRow } from './repository';

type Deps = { db: Kysely<Database>; events: EventLog };

/** What the caller knows happened; reasons are read from the row (its `status_reason`). */
export type ChangeKind =
  | { kind: 'connected' }
  | { kind: 'reconnected' }
  | { kind: 'expired' }
  | { kind: 'renamed'; from: string }
  | { kind: 'tested'; ok: boolean; changed: boolean };

/**
 * Tells every browser of the workspace that a connection changed, and what happened
 * (connected, reconnected, renamed, tested, expired), through the event log like
 * everything else they learn. The payload is the browser's view: it never carries a token.
 * The flow instances using it follow: paused when it stops working, resumed when it works again.
 */
export async function publishConnection(deps: Deps, connectionId: string, what: ChangeKind): Promise<void> {
  const row = await deps.db.selectFrom('connections').selectAll().where('id', '=', connectionId).executeTakeFirst();
  if (!row) return;
  const reason = row.status === 'active' ? null : row.status_reason;
  const change: ConnectionChange = what.kind === 'tested' || what.kind === 'expired' ? { ...what, reason } : what;
  const payload: ConnectionUpdatePayload = { connection: toConnectionView(row), change };
  await append(deps, row, change, payload);
  await followConnectionStatus(deps, row.id);
}

/** After a delete: the browsers hear of it, and the instances that used it pause. */
export async function publishDeletion(deps: Deps, row: ConnectionRow): Promise<void> {
  const change: ConnectionChange = { kind: 'deleted' };
  await append(deps, row, change, { deleted: true, id: row.id, name: row.name, change });
  await followConnectionStatus(deps, row.id);
}

async function append(deps: Deps, row: ConnectionRow, change: ConnectionChange, payload: ConnectionUpdatePayload) {
  const providerName = findProvider(row.provider)?.name ?? row.provider;
  // A passing Test of a working connection is no news (the activity list leaves it out); the title still says what it was.
  const title = connectionSentence(providerName, row.name, change) ?? `${providerName} (${row.name}) tested: OK`;
  await deps.events.append([
    {
      workspaceId: row.workspace_id,
      type: connectionUpdatedType,
      provider: row.provider,
      connectionId: row.id,
      summary: { title, url: null, actor: null, assignees: [], mentions: [], subject: `connection:${row.id}` },
      payload,
    },
  ]);
}

import type { Kysely } from 'kysely';
import { findProvider } from '../../../shared/providers';
import type { FailureAlert } from '../../../shared/protocol/flows';
import { HttpError } from '../../lib/http-error';
import type { Database } from '../../store/schema';

const providerName = (id: string) => findProvider(id)?.name ?? id;

/** The columns that hold an instance's failure alert, always written together. */
export interface FailureAlertColumns {
  /** JSON `{connection, channel}`, or null for none. */
  failure_alert: string | null;
  /** Its connection, for the connection list's count and a delete's warning (migration 019). */
  alert_connection_id: string | null;
}

/**
 * The columns for `alert` (null clears it), once its connection is known to be a Slack
 * connection of the instance's workspace: the alert is posted as the instance's owner
 * with it (runner/notify-failure.ts). Another workspace's connection is refused the same
 * way as one that does not exist.
 */
export async function checkedFailureAlert(db: Kysely<Database>, workspaceId: string, alert: FailureAlert | null): Promise<FailureAlertColumns> {
  if (alert === null) return { failure_alert: null, alert_connection_id: null };
  const row = await db.selectFrom('connections').select(['provider', 'name']).where('id', '=', alert.connection).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) {
    throw new HttpError(400, 'invalid_request', 'The failure alert names a connection this workspace does not have. Choose one of your Slack connections.');
  }
  if (row.provider !== 'slack') {
    throw new HttpError(400, 'invalid_request', `The failure alert is posted in Slack, and ${row.name} is a ${providerName(row.provider)} connection. Choose one of your Slack connections.`);
  }
  return { failure_alert: JSON.stringify({ connection: alert.connection, channel: alert.channel } satisfies FailureAlert), alert_connection_id: alert.connection };
}

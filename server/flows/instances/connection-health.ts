import type { Kysely } from 'kysely';
import { findProvider } from '../../../shared/providers';
import type { Database } from '../../store/schema';

/**
 * Why an instance cannot run because of its connections, in words a user can act on, or
 * null when every connection it names is there and working. The first broken one is named.
 *
 * @example await connectionProblem(db, 'fin_1') // 'GitHub (Work) expired: reconnect it to resume this flow.'
 */
export async function connectionProblem(db: Kysely<Database>, instanceId: string): Promise<string | null> {
  const rows = await db
    .selectFrom('flow_instance_connections as fic')
    .leftJoin('connections', 'connections.id', 'fic.connection_id')
    .select(['fic.config_key', 'connections.provider', 'connections.name', 'connections.status'])
    .where('fic.instance_id', '=', instanceId)
    .orderBy('fic.config_key')
    .execute();
  for (const row of rows) {
    if (row.status === null) return `The connection chosen for "${row.config_key}" was deleted: choose another one to resume this flow.`;
    if (row.status !== 'active') {
      const who = `${findProvider(row.provider!)?.name ?? row.provider} (${row.name})`;
      return row.status === 'expired' ? `${who} expired: reconnect it to resume this flow.` : `${who} is failing: reconnect it to resume this flow.`;
    }
  }
  return null;
}

import type { Kysely } from 'kysely';
import type { InstanceRef } from '../../../shared/protocol/flows';
import type { Database } from '../../store/schema';

/**
 * How many instances use each of these connections (connections no instance uses are
 * absent): to run their flows (a connection config variable) or to post their failure
 * alert; an instance that does both counts once.
 *
 * @example await instanceCounts(db, ['con_a', 'con_b']) // Map { 'con_a' => 2 }
 */
export async function instanceCounts(db: Kysely<Database>, connectionIds: string[]): Promise<Map<string, number>> {
  if (connectionIds.length === 0) return new Map();
  const [config, alerts] = await Promise.all([
    db.selectFrom('flow_instance_connections').select(['connection_id', 'instance_id']).where('connection_id', 'in', connectionIds).execute(),
    db.selectFrom('flow_instances').select(['alert_connection_id as connection_id', 'id as instance_id']).where('alert_connection_id', 'in', connectionIds).execute(),
  ]);
  const users = new Map<string, Set<string>>();
  for (const row of [...config, ...alerts]) {
    const connection = row.connection_id!;
    users.set(connection, (users.get(connection) ?? new Set()).add(row.instance_id));
  }
  return new Map([...users].map(([connection, instances]) => [connection, instances.size]));
}

/**
 * The instances that use a connection, by name: what deleting it would pause, and (marked
 * `alertOnly`) the ones that use it only for their failure alert, which a delete turns off.
 */
export async function instancesUsing(db: Kysely<Database>, connectionId: string): Promise<InstanceRef[]> {
  const [running, alerting] = await Promise.all([
    db
      .selectFrom('flow_instance_connections as fic')
      .innerJoin('flow_instances as i', 'i.id', 'fic.instance_id')
      .select(['i.id', 'i.name'])
      .where('fic.connection_id', '=', connectionId)
      .distinct()
      .execute(),
    db.selectFrom('flow_instances').select(['id', 'name']).where('alert_connection_id', '=', connectionId).execute(),
  ]);
  const runs = new Set(running.map((i) => i.id));
  const refs: InstanceRef[] = [...running, ...alerting.filter((i) => !runs.has(i.id)).map((i) => ({ ...i, alertOnly: true }))];
  return refs.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

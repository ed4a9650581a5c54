import type { Kysely } from 'kysely';
import type { InstanceRef } from '../../../shared/protocol/flows';
import type { Database } from '../../store/schema';

/**
 * How many instances use each of these connections (connections no instance uses are absent).
 *
 * @example await instanceCounts(db, ['con_a', 'con_b']) // Map { 'con_a' => 2 }
 */
export async function instanceCounts(db: Kysely<Database>, connectionIds: string[]): Promise<Map<string, number>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('flow_instance_connections')
    .select((eb) => ['connection_id', eb.fn.count<number | string>('instance_id').distinct().as('n')])
    .where('connection_id', 'in', connectionIds)
    .groupBy('connection_id')
    .execute();
  return new Map(rows.map((r) => [r.connection_id, Number(r.n)]));
}

/** The instances that use a connection, by name: what deleting it would pause. */
export async function instancesUsing(db: Kysely<Database>, connectionId: string): Promise<InstanceRef[]> {
  return db
    .selectFrom('flow_instance_connections as fic')
    .innerJoin('flow_instances as i', 'i.id', 'fic.instance_id')
    .select(['i.id', 'i.name'])
    .where('fic.connection_id', '=', connectionId)
    .distinct()
    .orderBy('i.name')
    .orderBy('i.id')
    .execute();
}

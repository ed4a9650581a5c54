import type { Kysely } from 'kysely';
import type { EventLog } from '../../events/event-log';
import { nowIso } from '../../lib/ids';
import type { Database } from '../../store/schema';
import { syncScheduleTicks } from '../triggers/schedule-ticks';
import { announceInstance } from './announce';
import { connectionProblem } from './connection-health';

type Deps = { db: Kysely<Database>; events: EventLog };

/**
 * Keeps the instances that use a connection in step with it, called wherever a
 * connection's status is published (server/connections/publish.ts) and after one is
 * deleted: an active instance whose connection stopped working (expired, failing,
 * deleted) is paused with that reason; one Weft paused for its connections runs again
 * once all of them work. Each change is a `flow.instance.updated` event, so the owner's
 * browsers notify. The updates are conditional on the status they change, so two
 * servers publishing the same change tell the owner once.
 */
export async function followConnectionStatus(deps: Deps, connectionId: string): Promise<void> {
  const instances = await deps.db
    .selectFrom('flow_instance_connections as fic')
    .innerJoin('flow_instances as i', 'i.id', 'fic.instance_id')
    .select(['i.id', 'i.name', 'i.workspace_id', 'i.status', 'i.paused_by'])
    .where('fic.connection_id', '=', connectionId)
    .where('i.status', '!=', 'disabled')
    .distinct()
    .execute();
  for (const instance of instances) {
    const problem = await connectionProblem(deps.db, instance.id);
    if (problem && instance.status === 'active') {
      const paused = await deps.db
        .updateTable('flow_instances')
        .set({ status: 'paused', status_reason: problem, paused_by: 'connection', updated_at: nowIso() })
        .where('id', '=', instance.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (paused.numUpdatedRows > 0n) {
        await syncScheduleTicks(deps.db, instance.id);
        await announceInstance(deps, { ...instance, status: 'paused', status_reason: problem }, { kind: 'paused', reason: problem }, connectionId);
      }
    } else if (!problem && instance.status === 'paused' && instance.paused_by === 'connection') {
      const resumed = await deps.db
        .updateTable('flow_instances')
        .set({ status: 'active', status_reason: null, paused_by: null, updated_at: nowIso() })
        .where('id', '=', instance.id)
        .where('status', '=', 'paused')
        .where('paused_by', '=', 'connection')
        .executeTakeFirst();
      if (resumed.numUpdatedRows > 0n) {
        await syncScheduleTicks(deps.db, instance.id);
        await announceInstance(deps, { ...instance, status: 'active', status_reason: null }, { kind: 'resumed' }, connectionId);
      }
    }
  }
}

import type { Kysely } from 'kysely';
import type { IntegrationDocument } from '../../../shared/flows/document';
import type { Database } from '../../store/schema';
import { nextTick, scheduleCron, type ScheduleTrigger } from './schedule-cron';

/** Tickers running in this process, woken when a sync here changed the ticks (others look every 30 s). */
export const tickerWakeUps = new Set<() => void>();

/** The scheduled flows of a document, with their triggers. */
export function scheduledFlows(document: IntegrationDocument): { flowId: string; trigger: ScheduleTrigger }[] {
  return document.flows.flatMap((f) => (f.trigger.type === 'schedule' ? [{ flowId: f.id, trigger: f.trigger }] : []));
}

/** The document of the version an instance runs now, or undefined when the instance is gone. */
export async function instanceDocument(db: Kysely<Database>, instanceId: string) {
  const row = await db
    .selectFrom('flow_instances')
    .innerJoin('integration_versions', (j) => j.onRef('integration_versions.integration_id', '=', 'flow_instances.integration_id').onRef('integration_versions.version', '=', 'flow_instances.version'))
    .select(['flow_instances.id', 'flow_instances.workspace_id', 'flow_instances.status', 'integration_versions.document'])
    .where('flow_instances.id', '=', instanceId)
    .executeTakeFirst();
  return row && { ...row, document: JSON.parse(row.document) as IntegrationDocument };
}

/**
 * Makes an instance's rows in `flow_schedule_ticks` match what it runs: one per scheduled
 * flow while it is active, none otherwise. A new row's first tick is the next one after
 * now (a flow deployed at 10:05 with an hourly cron first fires at 11:00, not for 10:00).
 * A row whose due time is no tick of the flow's cron (the cron changed with an upgrade)
 * starts again from now; one that is only late keeps its time, so the ticker can decide
 * what its missed ticks get (catchUp). Call after deploy, upgrade, enable or disable;
 * the ticker also calls it for every instance when it starts.
 */
export async function syncScheduleTicks(db: Kysely<Database>, instanceId: string, nowMs = Date.now()): Promise<void> {
  const instance = await instanceDocument(db, instanceId);
  const wanted = instance?.status === 'active' ? scheduledFlows(instance.document) : [];
  const rows = await db.selectFrom('flow_schedule_ticks').selectAll().where('instance_id', '=', instanceId).execute();
  let changed = false;
  for (const row of rows) {
    if (!wanted.some((w) => w.flowId === row.flow_id)) {
      await db.deleteFrom('flow_schedule_ticks').where('instance_id', '=', instanceId).where('flow_id', '=', row.flow_id).execute();
    }
  }
  for (const { flowId, trigger } of wanted) {
    let cron;
    try {
      cron = scheduleCron(trigger);
    } catch {
      continue; // Refused when the version was published; nothing to schedule.
    }
    const existing = rows.find((r) => r.flow_id === flowId);
    const next = nextTick(cron, nowMs);
    if (existing && nextTick(cron, Number(existing.next_ms) - 1) === Number(existing.next_ms)) continue;
    if (next === undefined) continue;
    if (existing) {
      await db.updateTable('flow_schedule_ticks').set({ next_ms: next }).where('instance_id', '=', instanceId).where('flow_id', '=', flowId).where('next_ms', '=', existing.next_ms).execute();
    } else {
      await db.insertInto('flow_schedule_ticks').values({ instance_id: instanceId, flow_id: flowId, next_ms: next }).onConflict((oc) => oc.columns(['instance_id', 'flow_id']).doNothing()).execute();
    }
    changed = true;
  }
  // After the caller's transaction commits, a ticker woken now might not see the row yet;
  // it looks again at the row's due time, which is what matters.
  if (changed) for (const wake of tickerWakeUps) setImmediate(wake);
}

/** `syncScheduleTicks` for every active instance, and drops rows of instances no longer active. */
export async function syncAllScheduleTicks(db: Kysely<Database>, nowMs = Date.now()): Promise<void> {
  const ids = await db
    .selectFrom('flow_instances').select('id').where('status', '=', 'active')
    .union(db.selectFrom('flow_schedule_ticks').select('instance_id as id'))
    .execute();
  for (const { id } of ids) await syncScheduleTicks(db, id, nowMs);
}

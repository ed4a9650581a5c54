import type { Kysely } from 'kysely';
import type { Trigger } from '../../../shared/flows/document';
import type { EventOrigin } from '../../../shared/protocol/events';
import { evaluateCondition, type FlowScope } from '../../../shared/flows/expressions';
import type { AppDeps } from '../../app-context';
import { newId, nowIso } from '../../lib/ids';
import type { Database } from '../../store/schema';
import { loadTriggerContext, type TriggerContext } from './instance';
import { loopReason } from './loop-guard';
import { finishRun } from './run-end';
import { enqueueStep } from './step-jobs';

export interface TriggerFiring {
  instanceId: string;
  flowId: string;
  triggerType: Trigger['type'];
  /** What `trigger` is in the flow's expressions: the event payload, webhook body, manual input or schedule time. */
  data: unknown;
  /** The event that fired it (`event` triggers): a run per (instance, flow, event) at most. */
  eventId?: number;
  /** Dedupes other firings: a webhook's `webhook-id`, a schedule tick's time. `event:<id>` by default for events. */
  dedupeKey?: string;
  /** The flow run whose work made the event (loop-guard.ts): the new run is one deeper in its chain. */
  origin?: EventOrigin;
}

export type FireResult = { runId: string } | { filtered: string } | { duplicate: string };

/**
 * A trigger fired: evaluates its `if`, then writes the run and enqueues its first step in
 * one transaction, or writes a `flow_filtered` row saying why it did not run. Given `db`
 * (a transaction of the caller's), everything is written there, so the firing commits
 * with what the caller writes (the event follower's cursor).
 */
export async function fireTrigger(
  deps: Pick<AppDeps, 'db' | 'store' | 'jobs'>, firing: TriggerFiring, db?: Kysely<Database>,
  /** What the caller already loaded (the event follower, for a whole batch): the instance, flow and config, and the event. */
  preloaded?: { context: TriggerContext; event?: FlowScope['event'] },
): Promise<FireResult> {
  if (db) return fireIn(deps, firing, db, preloaded);
  return deps.store.transaction((tx) => fireIn(deps, firing, tx, preloaded));
}

async function fireIn(deps: Pick<AppDeps, 'jobs'>, firing: TriggerFiring, tx: Kysely<Database>, preloaded?: { context: TriggerContext; event?: FlowScope['event'] }): Promise<FireResult> {
  const ctx = preloaded?.context ?? (await loadTriggerContext(tx, firing.instanceId, firing.flowId));
  if (!ctx) return { filtered: 'filtered: the instance or its flow no longer exists' };
  const { instance, flow } = ctx;
  const filtered = async (why: string): Promise<FireResult> => {
    const reason = `filtered: ${why}`.slice(0, 1000);
    await tx.insertInto('flow_filtered').values({
      workspace_id: instance.workspace_id, instance_id: instance.id, flow_id: flow.id, trigger_type: firing.triggerType,
      event_id: firing.eventId ?? null, reason, at: nowIso(),
    }).execute();
    return { filtered: reason };
  };
  if (instance.status !== 'active') return filtered(`the instance is ${instance.status}${instance.status_reason ? ` (${instance.status_reason})` : ''}`);
  if (flow.trigger.type !== firing.triggerType) return filtered(`this flow is started by a ${flow.trigger.type} trigger, not ${firing.triggerType}`);

  if (flow.trigger.if !== undefined) {
    const scope: FlowScope = { trigger: firing.data, config: ctx.config, steps: {} };
    if (preloaded?.event) scope.event = preloaded.event;
    else if (firing.eventId !== undefined) {
      const event = await tx.selectFrom('events').select(['type', 'created_at']).where('id', '=', firing.eventId).executeTakeFirst();
      scope.event = { id: firing.eventId, type: event?.type ?? '', receivedAt: event?.created_at ?? nowIso() };
    }
    let passed: boolean;
    try {
      passed = evaluateCondition(flow.trigger.if, scope);
    } catch (error) {
      return filtered(`the trigger's condition could not be evaluated: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!passed) return filtered(`\`${flow.trigger.if}\` was false`);
  }
  // After the `if`: a firing its condition turns away is not a loop, and is not called one.
  const loop = loopReason(firing.origin, instance.id, flow.id);
  if (loop) return filtered(loop);

  // A firing already run (a webhook sent again, an event read again) is that run: the
  // unique index on (instance, flow, dedupe key) says so.
  const dedupeKey = firing.dedupeKey ?? (firing.eventId !== undefined ? `event:${firing.eventId}` : null);
  const existing = async () =>
    dedupeKey === null
      ? undefined
      : (await tx.selectFrom('flow_runs').select('id').where('instance_id', '=', instance.id).where('flow_id', '=', flow.id).where('dedupe_key', '=', dedupeKey).executeTakeFirst())?.id;
  const runId = newId('run');
  const inserted = await tx
    .insertInto('flow_runs')
    .values({
      id: runId, workspace_id: instance.workspace_id, instance_id: instance.id, integration_id: instance.integration_id,
      version: instance.version, flow_id: flow.id, trigger_type: firing.triggerType, trigger: JSON.stringify(firing.data ?? null),
      event_id: firing.eventId ?? null, dedupe_key: dedupeKey, status: 'running', error: null, rerun_of: null,
      started_at: nowIso(), finished_at: null, chain_depth: firing.origin?.depth ?? 0,
    })
    .onConflict((oc) => oc.columns(['instance_id', 'flow_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
    const other = await existing();
    if (other) return { duplicate: other };
    throw new Error('The run could not be written, and no run with its dedupe key exists.');
  }
  if (flow.steps.length > 0) await enqueueStep(deps, tx, runId, flow, [{ i: 0 }]);
  else await finishRun(tx, runId);
  return { runId };
}

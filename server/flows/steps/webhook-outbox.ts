import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AppDeps } from '../../app-context';
import type { Database, FlowWebhookDeliveriesTable } from '../../store/schema';

export type DeliveryRow = Selectable<FlowWebhookDeliveriesTable>;

/** The job that makes the next try of a delivery (server-jobs.ts registers it). */
export const WEBHOOK_DELIVERY_TASK = 'flows.webhook-delivery';
/**
 * A try claims its row by moving `next_attempt_ms` this far ahead: no other try starts
 * meanwhile, and a try whose server died is made again once it passes. Longer than a
 * try can take (WEBHOOK_TIMEOUT_MS).
 */
export const CLAIM_MS = 60_000;
/** The signed body of one outbound webhook, at most. */
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

/**
 * The `webhook-id` of the message a step sends: `msg_` and a hash of its idempotency key
 * (`<runId>:<stepKey>`), so the same step of the same run always sends the same id, on
 * every try, after a crash and on replay, and a receiver can dedupe on it.
 *
 * @example deliveryId('run_abc:notify') // 'msg_…' (26 characters after the prefix)
 */
export const deliveryId = (idempotencyKey: string) => `msg_${createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 26)}`;

/**
 * Puts a delivery's next try in line. Keyed, so at most one such job waits per delivery
 * (a job that wakes before the row's next try puts itself back for then, so the chain
 * never forks). A replay's job is not keyed: a keyed job already waiting keeps its own,
 * later run time, and a replay is due now. Two jobs at once are harmless: a try claims
 * the row first.
 */
export const scheduleTry = (deps: Pick<AppDeps, 'jobs'>, db: Kysely<Database>, id: string, runAt: number, options: { now?: boolean } = {}) =>
  deps.jobs.enqueue(db, { task: WEBHOOK_DELIVERY_TASK, payload: { id }, ...(options.now ? {} : { key: `webhook:${id}` }), runAt, maxAttempts: 5 });

/**
 * The delivery row of a step's message, written once: a step run again (after a crash, or
 * a re-run of its run) finds the row it wrote. A safety-net job is enqueued with it, in the
 * same transaction, for when the first try's claim runs out: if the server dies during
 * that try, the message is still sent.
 */
export async function addDelivery(
  deps: Pick<AppDeps, 'store' | 'jobs'>,
  row: { id: string; workspaceId: string; instanceId: string; runId: string; stepKey: string; url: string; body: string },
  nowMs = Date.now(),
): Promise<DeliveryRow> {
  return deps.store.transaction(async (trx) => {
    const existing = await trx.selectFrom('flow_webhook_deliveries').selectAll().where('id', '=', row.id).executeTakeFirst();
    if (existing) return existing;
    await trx
      .insertInto('flow_webhook_deliveries')
      .values({
        id: row.id, workspace_id: row.workspaceId, instance_id: row.instanceId, run_id: row.runId, step_key: row.stepKey, url: row.url, body: row.body,
        status: 'pending', attempts: 0, next_attempt_ms: nowMs, first_attempt_ms: nowMs, created_at: new Date(nowMs).toISOString(),
      })
      .execute();
    await scheduleTry(deps, trx, row.id, nowMs + CLAIM_MS);
    return trx.selectFrom('flow_webhook_deliveries').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}

/**
 * Claims the next try of a pending delivery that is due; false when it is not due, already
 * claimed or finished, or held: its instance is disabled (see resumeHeldDeliveries).
 */
export async function claimTry(db: Kysely<Database>, id: string, nowMs: number): Promise<boolean> {
  const result = await db
    .updateTable('flow_webhook_deliveries')
    .set({ next_attempt_ms: nowMs + CLAIM_MS })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_ms', '<=', nowMs)
    .where('instance_id', 'in', (eb) => eb.selectFrom('flow_instances').select('id').where('status', '!=', 'disabled'))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Whether a delivery's instance is disabled, so its pending deliveries wait for it to be enabled. */
export async function isHeld(db: Kysely<Database>, instanceId: string): Promise<boolean> {
  const instance = await db.selectFrom('flow_instances').select('status').where('id', '=', instanceId).executeTakeFirst();
  return instance?.status === 'disabled';
}

/**
 * Webhooks of a disabled instance are held: no try is made (claimTry), and a try job that
 * finds it so ends without putting another in line. Enabling the instance calls this in
 * its transaction: every pending delivery is due now, with a new 3-day window (the time
 * held was not the receiver's to fail in), and a try job each. Deleting the instance drops
 * them (on delete cascade), as Svix drops attempts to a removed endpoint. Svix also stops
 * attempts to a disabled endpoint but leaves recovering them to a person; here turning a
 * deployment off is the sender pausing its own flows, whose runs already promised these
 * messages, so they go on by themselves when it is turned on again. A try already under
 * way when the instance is disabled finishes. Resolves with how many were resumed.
 */
export async function resumeHeldDeliveries(deps: Pick<AppDeps, 'jobs'>, trx: Kysely<Database>, instanceId: string, nowMs = Date.now()): Promise<number> {
  const held = await trx.selectFrom('flow_webhook_deliveries').select('id').where('instance_id', '=', instanceId).where('status', '=', 'pending').execute();
  if (held.length === 0) return 0;
  await trx.updateTable('flow_webhook_deliveries').set({ next_attempt_ms: nowMs, first_attempt_ms: nowMs })
    .where('instance_id', '=', instanceId).where('status', '=', 'pending').execute();
  // Not keyed: a keyed job waiting from before the hold would keep its later time.
  for (const { id } of held) await scheduleTry(deps, trx, id, nowMs, { now: true });
  return held.length;
}

/**
 * Puts a dead delivery back in line with a new 3-day window: its next try is now. Resolves
 * with the row, or undefined when the instance has no such dead delivery (already replayed,
 * delivered, or not the caller's).
 */
export async function replayDelivery(deps: Pick<AppDeps, 'store' | 'jobs'>, instanceId: string, id: string, nowMs = Date.now()): Promise<DeliveryRow | undefined> {
  return deps.store.transaction(async (trx) => {
    const result = await trx
      .updateTable('flow_webhook_deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_ms: nowMs, first_attempt_ms: nowMs, finished_at: null })
      .where('id', '=', id)
      .where('instance_id', '=', instanceId)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return undefined;
    await scheduleTry(deps, trx, id, nowMs, { now: true });
    return trx.selectFrom('flow_webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

/** Delivered webhooks are kept this long (for a run's detail), dead ones this long (for replay). */
export const DELIVERED_KEPT_MS = 7 * 24 * 60 * 60_000;
export const DEAD_KEPT_MS = 14 * 24 * 60 * 60_000;

/** Deletes delivered and dead webhooks past their keeping time; resolves with how many. */
export async function pruneDeliveries(db: Kysely<Database>, nowMs = Date.now()): Promise<number> {
  let deleted = 0;
  for (const [status, keptMs] of [['delivered', DELIVERED_KEPT_MS], ['dead', DEAD_KEPT_MS]] as const) {
    const result = await db.deleteFrom('flow_webhook_deliveries').where('status', '=', status).where('finished_at', '<', new Date(nowMs - keptMs).toISOString()).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

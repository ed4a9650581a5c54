import type { Kysely } from 'kysely';

/**
 * Outbound webhooks of flows (issue 10).
 * - `flow_instances.previous_signing_secrets`: secrets replaced by a rotation that still
 *   sign (and verify) until their time is up, sealed by the vault as one JSON list of
 *   `{secret, untilMs}`; null when there is none. The current secret stays in
 *   `signing_secret`.
 * - `flow_webhook_deliveries`: one row per outbound webhook a flow's `webhook` step sends,
 *   the outbox its retries run from. `id` is the message's `webhook-id`, derived from the
 *   step's idempotency key (`<runId>:<stepKey>`), so every try, a re-run of the step and a
 *   replay send the same id and a receiver can dedupe. `status`: `pending` (tries left;
 *   `next_attempt_ms` says when the next may start, and a try claims the row by moving it
 *   forward), `delivered`, or `dead` (refused, or 3 days of failures: listed for replay).
 *   `body` is the exact JSON text signed, at most 256 KB.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('flow_instances').addColumn('previous_signing_secrets', 'text').execute();
  await db.schema
    .createTable('flow_webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('flow_instances.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_ms', 'bigint', (c) => c.notNull())
    /** When the first try started; retries stop 3 days after it. Replay starts it again. */
    .addColumn('first_attempt_ms', 'bigint', (c) => c.notNull())
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('flow_webhook_deliveries_instance').on('flow_webhook_deliveries').columns(['instance_id', 'status', 'finished_at']).execute();
  await db.schema.createIndex('flow_webhook_deliveries_finished').on('flow_webhook_deliveries').columns(['status', 'finished_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('flow_webhook_deliveries').execute();
  await db.schema.alterTable('flow_instances').dropColumn('previous_signing_secrets').execute();
}

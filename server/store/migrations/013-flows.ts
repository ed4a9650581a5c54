import type { Kysely } from 'kysely';
import { columnTypes, type Engine } from '../engine';

/**
 * Integrations and their flows (issue 10). Documents are stored as JSON text, validated by
 * `shared/flows/document.ts` before they get here; timestamps are ISO-8601 text like the
 * rest of the schema.
 * - `integrations`: one per integration, owned by a workspace; its editable `draft` and,
 *   when forked, the integration it came from.
 * - `integration_versions`: a published draft, frozen: number (1, 2, … per integration),
 *   note, the document, its content hash; `available` (may be deployed) and `template`
 *   (offered in the gallery) are the only columns that change after publishing.
 * - `flow_instances`: a version deployed into a workspace with its config values (JSON:
 *   config keys to values; a connection variable holds a connection id). `status` is
 *   `active`, `disabled` or `paused` (with `status_reason`, e.g. an expired connection);
 *   `webhook_token` is the secret part of its webhook trigger URLs, `signing_secret` (sealed
 *   by the vault) signs its outbound webhooks and checks signed inbound ones.
 * - `flow_runs`: one per trigger firing that passed its `if`; it keeps the version it
 *   started on, so an upgrade never changes a run in flight. `status`: `running`,
 *   `succeeded`, `failed`, `waiting` (a delay). `trigger` is the trigger's data (JSON).
 * - `flow_run_steps`: one row per step run (and per forEach item), in order of `seq`:
 *   rendered input (secrets redacted), output (≤ 64 KB, else truncated with its hash),
 *   error, attempts, timings. (`run_id`, `step_key`) is unique: `step_key` is the step id,
 *   with the item index for steps inside a forEach (`notify[3]`), so a re-run job finds the
 *   row it already finished instead of running the step twice.
 * - `flow_filtered`: a trigger firing that did not become a run, and why ("filtered: …").
 * - `flow_schedule_ticks`: the next due time per scheduled flow of an instance, claimed
 *   by a conditional update so each tick fires once across instances.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const types = columnTypes(engine);
  await db.schema
    .createTable('integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    /** JSON array of lower-case labels, copied from the draft for search. */
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('forked_from', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('integrations_workspace').on('integrations').columns(['workspace_id', 'updated_at']).execute();

  await db.schema
    .createTable('integration_versions')
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('available', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('template', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('integration_versions_pk', ['integration_id', 'version'])
    .execute();

  await db.schema
    .createTable('flow_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('integration_id', 'text', (c) => c.notNull().references('integrations.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('status_reason', 'text')
    .addColumn('webhook_token', 'text', (c) => c.notNull().unique())
    .addColumn('signing_secret', 'text', (c) => c.notNull())
    /** Where a failed run is also reported: a Slack channel, through one of the config's connections (JSON, or null). */
    .addColumn('failure_alert', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Trigger matching: the enabled instances of a workspace, on every event.
  await db.schema.createIndex('flow_instances_workspace_status').on('flow_instances').columns(['workspace_id', 'status']).execute();
  await db.schema.createIndex('flow_instances_integration').on('flow_instances').column('integration_id').execute();

  await db.schema
    .createTable('flow_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('flow_instances.id').onDelete('cascade'))
    .addColumn('integration_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('trigger_type', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    /** The event that fired it, for `event` triggers; a run per (instance, flow, event) at most. */
    .addColumn('event_id', types.idRef)
    /** Dedupes firings other than events: a webhook's `webhook-id`, a schedule tick's time. */
    .addColumn('dedupe_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    /** The step a re-run starts from, when it is one. */
    .addColumn('rerun_of', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('flow_runs_instance_started').on('flow_runs').columns(['instance_id', 'started_at']).execute();
  await db.schema.createIndex('flow_runs_workspace_started').on('flow_runs').columns(['workspace_id', 'started_at']).execute();
  await db.schema.createIndex('flow_runs_dedupe').on('flow_runs').columns(['instance_id', 'flow_id', 'dedupe_key']).unique().execute();

  await db.schema
    .createTable('flow_run_steps')
    .addColumn('run_id', 'text', (c) => c.notNull().references('flow_runs.id').onDelete('cascade'))
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('input', 'text')
    .addColumn('output', 'text')
    .addColumn('output_truncated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('output_hash', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('flow_run_steps_pk', ['run_id', 'step_key'])
    .execute();

  await db.schema
    .createTable('flow_filtered')
    .$call(types.serialId('id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('flow_instances.id').onDelete('cascade'))
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('trigger_type', 'text', (c) => c.notNull())
    .addColumn('event_id', types.idRef)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flow_filtered_instance_at').on('flow_filtered').columns(['instance_id', 'at']).execute();

  await db.schema
    .createTable('flow_schedule_ticks')
    .addColumn('instance_id', 'text', (c) => c.notNull().references('flow_instances.id').onDelete('cascade'))
    .addColumn('flow_id', 'text', (c) => c.notNull())
    /** The next due time, epoch ms. */
    .addColumn('next_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_schedule_ticks_pk', ['instance_id', 'flow_id'])
    .execute();
  await db.schema.createIndex('flow_schedule_ticks_next').on('flow_schedule_ticks').column('next_ms').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['flow_schedule_ticks', 'flow_filtered', 'flow_run_steps', 'flow_runs', 'flow_instances', 'integration_versions', 'integrations']) {
    await db.schema.dropTable(table).execute();
  }
}

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Rejected webhook requests per endpoint and hour: how many got a delivery-log row (at
  // most the hourly cap) and how many were only counted. One row per endpoint-hour, so a
  // flood of forged requests costs a counter, not a row each.
  await db.schema
    .createTable('rejected_delivery_counts')
    /** `github`, `hubspot`, `slack`, or `custom:<endpoint id>`. */
    .addColumn('endpoint_key', 'text', (c) => c.notNull())
    /** The UTC hour, `2026-11-30T16`. */
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text')
    /** Owners that may see the count (a custom endpoint's workspace); JSON array. */
    .addColumn('workspace_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('logged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dropped', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rejected_delivery_counts_pk', ['endpoint_key', 'hour'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rejected_delivery_counts').execute();
}

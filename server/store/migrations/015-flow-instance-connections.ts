import type { Kysely } from 'kysely';

/**
 * Which connections each flow instance uses (issue 10), and whether Weft paused it for one.
 * - `flow_instance_connections`: one row per connection variable of an instance's config,
 *   rewritten whenever its config or version changes. The connection list counts from it,
 *   deleting a connection finds who uses it, and a connection that expires or comes back
 *   finds the instances to pause or resume, each by an index instead of parsing every
 *   instance's config. No foreign key to `connections`: a deleted connection leaves its
 *   rows, so the paused instances still say which variable lost its connection.
 * - `flow_instances.paused_by`: `connection` when Weft paused the instance because one
 *   of its connections stopped working; null otherwise. Only those are resumed when the
 *   connections work again, never one a person turned off.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('flow_instance_connections')
    .addColumn('instance_id', 'text', (c) => c.notNull().references('flow_instances.id').onDelete('cascade'))
    .addColumn('config_key', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('flow_instance_connections_pk', ['instance_id', 'config_key'])
    .execute();
  await db.schema.createIndex('flow_instance_connections_connection').on('flow_instance_connections').column('connection_id').execute();
  await db.schema.alterTable('flow_instances').addColumn('paused_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('flow_instances').dropColumn('paused_by').execute();
  await db.schema.dropTable('flow_instance_connections').execute();
}

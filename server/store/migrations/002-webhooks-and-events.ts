import type { Kysely } from 'kysely';
import { columnTypes, type Engine } from '../engine';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const types = columnTypes(engine);
  // Every webhook request, accepted or not: the delivery log users read and replay from.
  await db.schema
    .createTable('deliveries')
    .$call(types.serialId('id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text')
    /** The provider's delivery id (X-GitHub-Delivery, eventId, event_id, webhook-id). */
    .addColumn('delivery_key', 'text')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    /** Owners that can see it; null for rejected or unrouted requests. JSON array. */
    .addColumn('workspace_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('body_preview', 'text', (c) => c.notNull())
    /** The raw body of accepted/unrouted requests, for replay. */
    .addColumn('body', 'text')
    /** JSON of the few headers parsing needs again on replay (event name, delivery id). */
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('deliveries_received').on('deliveries').column('received_at').execute();

  // Dedupe: one row per (provider, delivery key) ever accepted, written in the same transaction as its events.
  await db.schema
    .createTable('webhook_receipts')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('delivery_key', 'text', (c) => c.notNull())
    .addColumn('delivery_id', types.idRef, (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_receipts_pk', ['provider', 'delivery_key'])
    .execute();

  // The append-only event log. Ids are never reused, even after deletes (AUTOINCREMENT
  // on SQLite, an identity on PostgreSQL).
  await db.schema
    .createTable('events')
    .$call(types.serialId('id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('delivery_id', types.idRef)
    .addColumn('summary', 'text', (c) => c.notNull())
    /** NULL when the payload is the delivery's whole body: stored once, read through a join. */
    .addColumn('payload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_workspace_id').on('events').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** Vault ciphertext of the whsec_ secret; null when unsigned. */
    .addColumn('secret', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

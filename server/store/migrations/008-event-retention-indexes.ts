import type { Kysely } from 'kysely';

/**
 * What retention (server/events/retention.ts) looks rows up by, so pruning reads an index
 * instead of the whole log:
 * - `events.created_at`: the events older than the retention age, oldest first;
 * - `events.delivery_id`: whether a delivery still has an event. An event whose payload is
 *   its delivery's body reads that body through a join, so a delivery is pruned only once
 *   no event points at it (replay of a custom delivery reads its event by this column too);
 * - `webhook_receipts.delivery_id`: the dedupe receipts of deliveries past the age limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('events_created_at').ifNotExists().on('events').column('created_at').execute();
  await db.schema.createIndex('events_delivery_id').ifNotExists().on('events').column('delivery_id').execute();
  await db.schema.createIndex('webhook_receipts_delivery_id').ifNotExists().on('webhook_receipts').column('delivery_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('webhook_receipts_delivery_id').execute();
  await db.schema.dropIndex('events_delivery_id').execute();
  await db.schema.dropIndex('events_created_at').execute();
}

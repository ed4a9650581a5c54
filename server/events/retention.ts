import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../store/schema';

export interface RetentionLimits {
  /** Events and deliveries received longer ago than this go (WEFT_EVENT_RETENTION_DAYS). */
  days: number;
  /** Per workspace, events beyond its newest this many go (WEFT_EVENT_RETENTION_COUNT). */
  eventsPerWorkspace: number;
  /** Rows one DELETE removes at most: the longest intake can wait behind pruning. */
  batchSize?: number;
}

export interface PruneReport {
  events: number;
  deliveries: number;
  receipts: number;
  rejectedCounts: number;
  /** Statements run (DELETEs, and the per-workspace count look-ups), and the slowest (ms): intake waited at most that long. */
  batches: number;
  longestBatchMs: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_BATCH = 500;

/**
 * Prunes the event log and the delivery log by age and by count, in batches.
 *
 * What must survive is decided here, once:
 * - The newest event of all is never pruned. Browsers resume from the id they have, and
 *   "the latest id" (MAX(id)) must not go back when a quiet server's whole log ages out,
 *   or a browser would look ahead of the log. Ids are never reused (AUTOINCREMENT), so a
 *   cursor below the oldest kept event simply resumes at the oldest kept one: nothing
 *   kept is skipped and nothing is sent twice.
 * - A delivery goes only once no event points at it: an event whose payload is the
 *   delivery's body reads it through a join, and replaying a custom delivery reads its
 *   event. Pruning events by count removes their deliveries too (in the same pass), so
 *   the log never lists a delivery that can no longer be replayed the way it was.
 * - Dedupe receipts go by age only (a provider retries within hours or days, HubSpot for
 *   three): the receipt of a delivery newer than the age limit is kept even when the count
 *   limit pruned its row, so a late retry is still a duplicate.
 *
 * Every DELETE removes at most `batchSize` rows and the loop yields to the event loop
 * between them: the server has one database connection, and a webhook's commit waits
 * for whatever statement runs, so no statement may run long.
 *
 * `signal` stops it before its next batch (the server is closing); the next run carries on.
 *
 * Written with Kysely only (no engine-specific SQL), for SQLite and PostgreSQL alike;
 * giving the freed pages back to the disk is the store's part (`store.reclaimSpace()`).
 */
export async function pruneEventsAndDeliveries(
  store: { db: Kysely<Database> },
  now: number,
  limits: RetentionLimits,
  signal?: AbortSignal,
): Promise<PruneReport> {
  const { db } = store;
  const batch = limits.batchSize ?? DEFAULT_BATCH;
  const cutoff = new Date(now - limits.days * DAY_MS).toISOString();
  const report: PruneReport = { events: 0, deliveries: 0, receipts: 0, rejectedCounts: 0, batches: 0, longestBatchMs: 0 };

  /** Runs one bounded DELETE, timed; resolves after yielding a turn. */
  const step = async <T>(run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    report.batches++;
    report.longestBatchMs = Math.max(report.longestBatchMs, performance.now() - started);
    await new Promise((resolve) => setImmediate(resolve));
    return result;
  };

  const newest = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const keepFrom = Number(newest?.id ?? 0);

  const pickEvents = () => db.selectFrom('events').select('id').where('id', '<', keepFrom).limit(batch);
  const unreferenced = () =>
    ({ not, exists, selectFrom }: ExpressionBuilder<Database, 'deliveries'>) =>
      not(exists(selectFrom('events').select('events.id').whereRef('events.delivery_id', '=', 'deliveries.id')));

  const deleteUnreferencedDeliveries = async (ids: number[]) => {
    const result = await step(() => db.deleteFrom('deliveries').where('id', 'in', ids).where(unreferenced()).executeTakeFirst());
    return Number(result.numDeletedRows);
  };

  /** Deletes events chosen by `pick` (one batch each time) until none is left, and the deliveries they leave without events. */
  const pruneEvents = async (pick: () => ReturnType<typeof pickEvents>) => {
    for (;;) {
      // Stopping the server ends pruning here, never between a batch of events and their
      // deliveries (a delivery left without its events could not be replayed as it was).
      signal?.throwIfAborted();
      const gone = await step(() => db.deleteFrom('events').where('id', 'in', pick()).returning('delivery_id').execute());
      report.events += gone.length;
      const deliveryIds = [...new Set(gone.map((e) => e.delivery_id).filter((id): id is number => id !== null))];
      if (deliveryIds.length) report.deliveries += await deleteUnreferencedDeliveries(deliveryIds);
      if (gone.length < batch) return;
    }
  };

  // By age, oldest first.
  await pruneEvents(() => pickEvents().where('created_at', '<', cutoff).orderBy('created_at'));

  // By count: each workspace keeps its newest `eventsPerWorkspace`.
  const workspaces = await db.selectFrom('workspaces').select('id').execute();
  for (const { id: workspaceId } of workspaces) {
    // Reads up to N index entries: timed and followed by a turn like a DELETE.
    const boundary = await step(() =>
      db.selectFrom('events').select('id').where('workspace_id', '=', workspaceId)
        .orderBy('id', 'desc').limit(1).offset(limits.eventsPerWorkspace - 1)
        .executeTakeFirst(),
    );
    if (!boundary) continue;
    await pruneEvents(() => pickEvents().where('workspace_id', '=', workspaceId).where('id', '<', Number(boundary.id)).orderBy('id'));
  }

  // Deliveries past the age with no event (rejected, duplicate, unrouted, or whose events went above).
  for (;;) {
    signal?.throwIfAborted();
    const result = await step(() =>
      db.deleteFrom('deliveries')
        .where('id', 'in', db.selectFrom('deliveries').select('id').where('received_at', '<', cutoff).where(unreferenced()).orderBy('received_at').limit(batch))
        .executeTakeFirst(),
    );
    report.deliveries += Number(result.numDeletedRows);
    if (Number(result.numDeletedRows) < batch) break;
  }

  // Receipts of deliveries older than the age limit: delivery ids grow with time, so the
  // first delivery received since the cutoff marks where they end.
  const firstRecent = await db.selectFrom('deliveries').select('id').where('received_at', '>=', cutoff).orderBy('received_at').limit(1).executeTakeFirst();
  const receiptsBelow = firstRecent
    ? Number(firstRecent.id)
    : Number((await db.selectFrom('webhook_receipts').select((eb) => eb.fn.max('delivery_id').as('id')).executeTakeFirst())?.id ?? 0) + 1;
  for (;;) {
    signal?.throwIfAborted();
    const gone = await step(() =>
      db.deleteFrom('webhook_receipts')
        .where(({ eb, refTuple, selectFrom }) =>
          eb(refTuple('provider', 'delivery_key'), 'in',
            selectFrom('webhook_receipts').select(['provider', 'delivery_key']).where('delivery_id', '<', receiptsBelow).limit(batch).$asTuple('provider', 'delivery_key')))
        .executeTakeFirst(),
    );
    report.receipts += Number(gone.numDeletedRows);
    if (Number(gone.numDeletedRows) < batch) break;
  }

  // Hourly counts of refused requests: one row per endpoint-hour, read over the last day.
  const counts = await step(() => db.deleteFrom('rejected_delivery_counts').where('hour', '<', cutoff.slice(0, 13)).executeTakeFirst());
  report.rejectedCounts = Number(counts.numDeletedRows);
  return report;
}

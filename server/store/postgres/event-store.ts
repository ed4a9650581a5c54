import type pg from 'pg';
import type { DeliveryStatus } from '../../../shared/protocol/deliveries';
import type { EventStore } from '../event-store';
import type { AppendOutcome, EventRow, IntakeRecord, StoredRecord } from '../intake-record';
import { DEPTH_UNCHECKED_THROUGH } from '../migrations/012-events-depth-watermark';
import { EVENTS_CHANNEL } from './signals';

/**
 * The one lock every append takes (`pg_advisory_xact_lock`, released at COMMIT or
 * ROLLBACK). The key is arbitrary; it only has to differ from any other advisory lock
 * taken on this database. It is a single bigint key: the sliding windows' locks
 * (sliding-windows.ts) take the two-key form, which PostgreSQL keeps apart from this one.
 */
export const EVENT_APPEND_LOCK = 0x5765_6674_0001; // "Weft", 1

/**
 * The columns of an event as read back (events.payload or, when null, its delivery's body),
 * and whether it was stored before appends checked payload depth (migration 012; with no
 * mark, every one is).
 */
const EVENT_COLUMNS = `e.id, e.workspace_id, e.type, e.provider, e.connection_id, e.delivery_id, e.summary,
  COALESCE(e.payload, d.body) AS payload_text, e.created_at,
  e.id <= COALESCE((SELECT CAST(value AS bigint) FROM meta WHERE key = '${DEPTH_UNCHECKED_THROUGH}'), 9007199254740991) AS depth_unchecked`;

/**
 * The event log on PostgreSQL, on the store's pool, in plain parameterised SQL: this is
 * the intake hot path, and its statements are prepared once per connection (named).
 *
 * Ids become visible in order. A PostgreSQL id is taken at INSERT and seen at COMMIT, so
 * two appending transactions could commit out of id order: A takes 1, B takes 2 and
 * commits, a reader reads 2 and moves its cursor past 1, which A commits later. Every
 * append therefore takes one advisory lock before its first insert and holds it to
 * COMMIT: appends, on every instance, run one after another, each one's ids above the
 * last, and a transaction that takes ids starts only after the previous one is visible.
 * The cost is one append in flight per database; the group commit keeps that affordable
 * (a group is one transaction however many webhooks it carries).
 */
export class PostgresEventStore implements EventStore {
  constructor(private readonly pool: pg.Pool) {}

  async appendGroup(records: IntakeRecord[]): Promise<AppendOutcome[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      try {
        // One round trip. The lock is held to COMMIT; should this process stall while it
        // holds it (a frozen VM keeps its socket open), PostgreSQL ends the transaction
        // after 30 s idle instead of letting every instance's appends wait on it.
        await client.query(`BEGIN; SET LOCAL idle_in_transaction_session_timeout = '30s'; SELECT pg_advisory_xact_lock(${EVENT_APPEND_LOCK})`);
        const outcomes: AppendOutcome[] = [];
        for (const record of records) outcomes.push(await writeAlone(client, record));
        const highest = Math.max(0, ...outcomes.flatMap((o) => (o.ok ? o.stored.events.map((e) => e.id) : [])));
        // Delivered to every LISTEN connection when (and only if) this transaction commits.
        if (highest > 0) await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(highest)]);
        await client.query('COMMIT');
        return outcomes;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
        throw error;
      }
    } finally {
      // A connection that could not even roll back is not given to the next caller.
      client.release(broken);
    }
  }

  async after(workspaceIds: string[], afterId: number, limit: number): Promise<EventRow[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'weft_events_after',
      text: `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN deliveries d ON d.id = e.delivery_id
             WHERE e.id > $1 AND e.workspace_id = ANY($2::text[]) ORDER BY e.id LIMIT $3`,
      values: [afterId, workspaceIds, limit],
    });
    return rows;
  }

  async afterAll(afterId: number, limit: number): Promise<EventRow[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'weft_events_after_all',
      text: `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN deliveries d ON d.id = e.delivery_id
             WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
      values: [afterId, limit],
    });
    return rows;
  }

  async latestId(): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>('SELECT COALESCE(MAX(id), 0) AS id FROM events');
    return Number(rows[0]!.id);
  }
}

/**
 * One record inside the group's transaction, behind a savepoint: a record that cannot be
 * written (a payload JSON.stringify cannot serialise, a value PostgreSQL refuses) is
 * rolled back and fails alone, instead of failing every other webhook that shared its
 * commit. A savepoint that cannot be rolled back to (the connection is gone) fails the group.
 */
async function writeAlone(client: pg.PoolClient, record: IntakeRecord): Promise<AppendOutcome> {
  await client.query('SAVEPOINT intake_record');
  let stored: StoredRecord;
  try {
    stored = await write(client, record);
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT intake_record');
    await client.query('RELEASE SAVEPOINT intake_record');
    return { ok: false, error };
  }
  await client.query('RELEASE SAVEPOINT intake_record');
  return { ok: true, stored };
}

async function write(client: pg.PoolClient, r: IntakeRecord): Promise<StoredRecord> {
  const createdAt = new Date().toISOString();
  const { rows: [delivery] } = await client.query<{ id: number }>({
    name: 'weft_insert_delivery',
    text: `INSERT INTO deliveries (provider, endpoint_id, delivery_key, event_type, status, reason, workspace_ids, received_at, body_preview, body, headers, event_count)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0) RETURNING id`,
    values: [
      r.provider, r.endpointId, r.items.map((i) => i.key).filter(Boolean).join(',') || null, r.eventType, r.status,
      r.reason, JSON.stringify(r.workspaceIds), createdAt, r.bodyPreview, r.body, JSON.stringify(r.headers ?? {}),
    ],
  });
  const deliveryId = Number(delivery!.id);
  const events: StoredRecord['events'] = [];
  if (r.status !== 'accepted') return { deliveryId, status: r.status, createdAt, events };

  // Dedupe: a receipt per key, one statement for the request's items. A key already
  // received (earlier, or by an item before it in this request) is not inserted again;
  // what comes back is the position of each key that was (compared in the database, on
  // the text as stored: see nul-free-client.ts).
  const keys = r.items.flatMap((i) => (i.key === null ? [] : [i.key]));
  const fresh = new Set<number>();
  if (keys.length > 0) {
    const { rows } = await client.query<{ n: number }>({
      name: 'weft_insert_receipts',
      text: `WITH given AS (SELECT k, n FROM unnest($2::text[]) WITH ORDINALITY AS u(k, n)),
                  added AS (INSERT INTO webhook_receipts (provider, delivery_key, delivery_id)
                            SELECT $1, k, $3 FROM given ORDER BY n ON CONFLICT DO NOTHING RETURNING delivery_key)
             SELECT MIN(given.n) AS n FROM given JOIN added ON added.delivery_key = given.k GROUP BY given.k`,
      values: [r.provider, keys, deliveryId],
    });
    for (const row of rows) fresh.add(Number(row.n) - 1);
  }
  let keyed = 0;
  const written = r.items.filter((item) => item.key === null || fresh.has(keyed++));

  const toInsert = written.flatMap((item) => item.events.map((e) => {
    const payloadIsBody = e.payloadIsBody === true && r.body !== null;
    return { e, payloadIsBody, summary: JSON.stringify(e.summary), payload: payloadIsBody ? null : JSON.stringify(e.payload ?? null) };
  }));
  if (toInsert.length > 0) {
    // One statement for the record's events, inserted in their order: identity values are
    // drawn row by row as inserted, so sorted ids match the events in order.
    const { rows } = await client.query<{ id: number }>({
      name: 'weft_insert_events',
      text: `INSERT INTO events (workspace_id, type, provider, connection_id, delivery_id, summary, payload, created_at)
             SELECT w, t, p, c, $5, s, pl, $8
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::text[], $7::text[]) WITH ORDINALITY AS u(w, t, p, c, s, pl, n)
             ORDER BY n RETURNING id`,
      values: [
        toInsert.map((x) => x.e.workspaceId), toInsert.map((x) => x.e.type), toInsert.map((x) => x.e.provider),
        toInsert.map((x) => x.e.connectionId), deliveryId, toInsert.map((x) => x.summary), toInsert.map((x) => x.payload), createdAt,
      ],
    });
    const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    toInsert.forEach((x, i) => events.push({ id: ids[i]!, event: x.e, payloadIsBody: x.payloadIsBody }));
  }
  const status: DeliveryStatus = written.length === 0 && r.items.length > 0 ? 'duplicate' : 'accepted';
  await client.query({
    name: 'weft_finish_delivery',
    text: 'UPDATE deliveries SET status = $1, event_count = $2 WHERE id = $3',
    values: [status, events.length, deliveryId],
  });
  return { deliveryId, status, createdAt, events };
}

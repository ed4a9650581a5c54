import type { DatabaseSync, StatementSync } from 'node:sqlite';

// The SQL of the event log's group commit on SQLite, over plain rows: every value is
// already a string or a number (group-rows.ts serialises on the calling thread), so the
// same code runs on the main thread (an in-memory store) or in the writer thread
// (writer-thread.ts) that owns a data folder's write connection. It imports nothing but
// types, so that thread starts without the rest of the server.

/** One event of a record, ready to insert. */
export interface EventRowIn {
  workspaceId: string;
  type: string;
  provider: string;
  connectionId: string | null;
  summary: string;
  /** Null: the event's payload is its delivery's body. */
  payload: string | null;
}

/** One webhook request as the group commit writes it. */
export interface RecordRow {
  provider: string;
  endpointId: string | null;
  deliveryKey: string | null;
  eventType: string;
  status: string;
  reason: string | null;
  workspaceIds: string;
  createdAt: string;
  bodyPreview: string;
  body: string | null;
  headers: string;
  /** Deduped one by one; an item whose key was seen before adds no events. */
  items: { key: string | null; events: EventRowIn[] }[];
}

/** What one record became: its delivery row, and per item the ids of its events (none for a duplicate). */
export type RowOutcome =
  | { ok: true; deliveryId: number; status: 'accepted' | 'duplicate' | 'rejected' | 'unrouted'; eventIds: number[][] }
  | { ok: false; error: unknown };

const SQLITE_BUSY = 5;

export class GroupWriter {
  private readonly stmt: Record<'receiptExists' | 'insertReceipt' | 'insertDelivery' | 'insertEvent' | 'savepoint' | 'release' | 'rollbackTo', StatementSync>;
  private readonly sqlite: DatabaseSync;

  constructor(sqlite: DatabaseSync) {
    this.sqlite = sqlite;
    this.stmt = {
      receiptExists: sqlite.prepare('SELECT 1 FROM webhook_receipts WHERE provider = ? AND delivery_key = ?'),
      insertReceipt: sqlite.prepare('INSERT INTO webhook_receipts (provider, delivery_key, delivery_id) VALUES (?, ?, ?)'),
      insertDelivery: sqlite.prepare(
        `INSERT INTO deliveries (provider, endpoint_id, delivery_key, event_type, status, reason, workspace_ids, received_at, body_preview, body, headers, event_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ),
      insertEvent: sqlite.prepare(
        `INSERT INTO events (workspace_id, type, provider, connection_id, delivery_id, summary, payload, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ),
      savepoint: sqlite.prepare('SAVEPOINT intake_record'),
      release: sqlite.prepare('RELEASE intake_record'),
      rollbackTo: sqlite.prepare('ROLLBACK TO intake_record'),
    };
  }

  /**
   * The group in one transaction (BEGIN IMMEDIATE … COMMIT), so ids are taken and made
   * visible in order with nothing interleaved; returns after COMMIT, which the connection's
   * `synchronous = FULL` makes wait for the fsync. Throws, with nothing written, only when
   * the transaction itself fails.
   */
  write(rows: RecordRow[]): RowOutcome[] {
    this.begin();
    try {
      const outcomes = this.writeAllOrEachAlone(rows);
      this.sqlite.exec('COMMIT');
      return outcomes;
    } catch (error) {
      try { this.sqlite.exec('ROLLBACK'); } catch { /* already rolled back */ }
      throw error;
    }
  }

  /**
   * BEGIN IMMEDIATE, waiting for as long as another connection holds the write lock: a
   * transaction of the main thread's (store.transaction) delays the group, never fails it.
   * Each try already waits `busy_timeout`; SQLITE_BUSY only means it is still held.
   */
  private begin(): void {
    for (;;) {
      try {
        this.sqlite.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if ((error as { errcode?: number }).errcode !== SQLITE_BUSY) throw error;
      }
    }
  }

  /**
   * Nearly every group writes without a failing record, so the group is first written
   * behind one savepoint; only if a record throws is that undone and each record written
   * behind its own (writeAlone), so the one that cannot be written fails alone. Two
   * statements per record fewer on the writer's thread, which shares the machine's cores
   * with the thread serving requests.
   */
  private writeAllOrEachAlone(rows: RecordRow[]): RowOutcome[] {
    this.stmt.savepoint.run();
    try {
      const outcomes = rows.map((r) => this.writeRecord(r));
      this.stmt.release.run();
      return outcomes;
    } catch {
      this.stmt.rollbackTo.run();
      this.stmt.release.run();
      return rows.map((r) => this.writeAlone(r));
    }
  }

  /** One record behind a savepoint: a record that cannot be written fails alone, not every webhook sharing its commit. */
  private writeAlone(row: RecordRow): RowOutcome {
    this.stmt.savepoint.run();
    try {
      const outcome = this.writeRecord(row);
      this.stmt.release.run();
      return outcome;
    } catch (error) {
      this.stmt.rollbackTo.run();
      this.stmt.release.run();
      return { ok: false, error };
    }
  }

  /**
   * Which items are new is decided before the delivery row is written, so that row is
   * inserted once with its final status and count: updating it afterwards made SQLite
   * write the whole row again, its 11 KB body's overflow pages included.
   */
  private writeRecord(r: RecordRow): RowOutcome {
    const eventIds = r.items.map(() => [] as number[]);
    const fresh: boolean[] = [];
    let count = 0;
    if (r.status === 'accepted') {
      const seen = new Set<string>();
      for (const item of r.items) {
        const isNew = item.key === null || (!seen.has(item.key) && !this.stmt.receiptExists.get(r.provider, item.key));
        if (item.key !== null) seen.add(item.key);
        fresh.push(isNew);
        if (isNew) count += item.events.length;
      }
    }
    const status = r.status !== 'accepted' ? r.status : fresh.some(Boolean) || r.items.length === 0 ? 'accepted' : 'duplicate';
    const deliveryId = Number((this.stmt.insertDelivery.get(
      r.provider, r.endpointId, r.deliveryKey, r.eventType, status, r.reason, r.workspaceIds, r.createdAt, r.bodyPreview, r.body, r.headers, count,
    ) as { id: number }).id);
    if (r.status !== 'accepted') return { ok: true, deliveryId, status: r.status as 'rejected' | 'unrouted', eventIds };

    r.items.forEach((item, i) => {
      if (!fresh[i]) return;
      if (item.key !== null) this.stmt.insertReceipt.run(r.provider, item.key, deliveryId);
      for (const e of item.events) {
        const { id } = this.stmt.insertEvent.get(e.workspaceId, e.type, e.provider, e.connectionId, deliveryId, e.summary, e.payload, r.createdAt) as { id: number };
        eventIds[i]!.push(Number(id));
      }
    });
    return { ok: true, deliveryId, status: status as 'accepted' | 'duplicate', eventIds };
  }
}

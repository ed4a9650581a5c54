import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DeliveryStatus } from '../../../shared/protocol/deliveries';
import type { EventStore } from '../event-store';
import type { AppendOutcome, EventRow, IntakeRecord, StoredRecord } from '../intake-record';

/**
 * The event log on SQLite, written with node:sqlite's synchronous prepared statements:
 * a whole group is one synchronous block (BEGIN IMMEDIATE … COMMIT), so ids are taken and
 * made visible in order with nothing interleaved, and the commit is fsynced before
 * `appendGroup` settles (the connection runs with `synchronous = FULL`).
 *
 * This is the intake hot path, so it stays on prepared statements rather than Kysely:
 * building and compiling a query per insert would cost more than the insert.
 */
export class SqliteEventStore implements EventStore {
  private readonly stmt: Record<string, StatementSync>;

  constructor(private readonly sqlite: DatabaseSync) {
    this.stmt = {
      receiptExists: sqlite.prepare('SELECT 1 FROM webhook_receipts WHERE provider = ? AND delivery_key = ?'),
      insertReceipt: sqlite.prepare('INSERT INTO webhook_receipts (provider, delivery_key, delivery_id) VALUES (?, ?, ?)'),
      insertDelivery: sqlite.prepare(
        `INSERT INTO deliveries (provider, endpoint_id, delivery_key, event_type, status, reason, workspace_ids, received_at, body_preview, body, headers, event_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id`,
      ),
      finishDelivery: sqlite.prepare('UPDATE deliveries SET status = ?, event_count = ? WHERE id = ?'),
      insertEvent: sqlite.prepare(
        `INSERT INTO events (workspace_id, type, provider, connection_id, delivery_id, summary, payload, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ),
      after: sqlite.prepare(
        `SELECT events.*, COALESCE(events.payload, deliveries.body) AS payload_text
         FROM events LEFT JOIN deliveries ON deliveries.id = events.delivery_id
         WHERE events.id > ? AND events.workspace_id IN (SELECT value FROM json_each(?)) ORDER BY events.id LIMIT ?`,
      ),
      afterAll: sqlite.prepare(
        `SELECT events.*, COALESCE(events.payload, deliveries.body) AS payload_text
         FROM events LEFT JOIN deliveries ON deliveries.id = events.delivery_id
         WHERE events.id > ? ORDER BY events.id LIMIT ?`,
      ),
      maxId: sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events'),
      savepoint: sqlite.prepare('SAVEPOINT intake_record'),
      release: sqlite.prepare('RELEASE intake_record'),
      rollbackTo: sqlite.prepare('ROLLBACK TO intake_record'),
    };
  }

  async appendGroup(records: IntakeRecord[]): Promise<AppendOutcome[]> {
    // store.transaction (Kysely) shares this connection; should one ever stay open across
    // a turn of the event loop, wait for it to end instead of failing the whole group on
    // "cannot start a transaction within a transaction".
    while (this.sqlite.isTransaction) await new Promise((resolve) => setImmediate(resolve));
    this.sqlite.exec('BEGIN IMMEDIATE');
    try {
      const outcomes = records.map((r) => this.writeAlone(r));
      this.sqlite.exec('COMMIT');
      return outcomes;
    } catch (error) {
      try { this.sqlite.exec('ROLLBACK'); } catch { /* already rolled back */ }
      throw error;
    }
  }

  // SQLite has one writer at a time (BEGIN IMMEDIATE), and a group takes its ids and
  // commits inside that one transaction: a read sees whole groups, with no id missing below
  // the highest it sees. The statements themselves run synchronously.
  async after(workspaceIds: string[], afterId: number, limit: number): Promise<EventRow[]> {
    return this.stmt.after!.all(afterId, JSON.stringify(workspaceIds), limit) as unknown as EventRow[];
  }

  async afterAll(afterId: number, limit: number): Promise<EventRow[]> {
    return this.stmt.afterAll!.all(afterId, limit) as unknown as EventRow[];
  }

  async latestId(): Promise<number> {
    return Number((this.stmt.maxId!.get() as { id: number }).id);
  }

  /**
   * One record inside the group's transaction, behind a savepoint: a record that cannot be
   * written (a payload JSON.stringify cannot serialise…) is rolled back and fails alone,
   * instead of failing every other webhook that happened to share its commit.
   */
  private writeAlone(record: IntakeRecord): AppendOutcome {
    this.stmt.savepoint!.run();
    try {
      const stored = this.write(record);
      this.stmt.release!.run();
      return { ok: true, stored };
    } catch (error) {
      this.stmt.rollbackTo!.run();
      this.stmt.release!.run();
      return { ok: false, error };
    }
  }

  private write(r: IntakeRecord): StoredRecord {
    const createdAt = new Date().toISOString();
    const { id: deliveryId } = this.stmt.insertDelivery!.get(
      r.provider, r.endpointId, r.items.map((i) => i.key).filter(Boolean).join(',') || null, r.eventType, r.status,
      r.reason, JSON.stringify(r.workspaceIds), createdAt, r.bodyPreview, r.body, JSON.stringify(r.headers ?? {}),
    ) as { id: number };
    const events: StoredRecord['events'] = [];
    if (r.status !== 'accepted') return { deliveryId, status: r.status, createdAt, events };

    let fresh = 0;
    for (const item of r.items) {
      if (item.key !== null) {
        if (this.stmt.receiptExists!.get(r.provider, item.key)) continue;
        this.stmt.insertReceipt!.run(r.provider, item.key, deliveryId);
      }
      fresh++;
      for (const e of item.events) {
        const summary = JSON.stringify(e.summary);
        const payloadIsBody = e.payloadIsBody === true && r.body !== null;
        const payload = payloadIsBody ? null : JSON.stringify(e.payload ?? null);
        const { id } = this.stmt.insertEvent!.get(e.workspaceId, e.type, e.provider, e.connectionId, deliveryId, summary, payload, createdAt) as { id: number };
        events.push({ id, event: e, payloadIsBody });
      }
    }
    const status: DeliveryStatus = fresh === 0 && r.items.length > 0 ? 'duplicate' : 'accepted';
    this.stmt.finishDelivery!.run(status, events.length, deliveryId);
    return { deliveryId, status, createdAt, events };
  }
}

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { EventStore } from '../event-store';
import type { AppendOutcome, EventRow, IntakeRecord } from '../intake-record';
import { DEPTH_UNCHECKED_THROUGH } from '../migrations/012-events-depth-watermark';
import { toOutcome, toRow } from './group-rows';
import { GroupWriter, type RecordRow, type RowOutcome } from './group-writer';
import type { OffThreadWriter } from './off-thread-writer';

/**
 * The event log on SQLite. A group is written by group-writer.ts in one transaction
 * (BEGIN IMMEDIATE … COMMIT), so ids are taken and made visible in order with nothing
 * interleaved, and `appendGroup` settles only after that COMMIT has returned, which the
 * write connection's `synchronous = FULL` makes wait for the fsync.
 *
 * On a data folder the group is committed by a writer thread with its own connection
 * (off-thread-writer.ts), so the main thread's event loop goes on serving while the disk
 * syncs; reads stay on the main connection (WAL: they never wait for the writer). An
 * in-memory database has a single connection, so there the group is written in place.
 *
 * This is the intake hot path, so it stays on prepared statements rather than Kysely:
 * building and compiling a query per insert would cost more than the insert.
 */
/** Whether the event was stored before appends checked payload depth (migration 012); with no mark, every one is. */
const DEPTH_UNCHECKED = `events.id <= COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = '${DEPTH_UNCHECKED_THROUGH}'), 9007199254740991) AS depth_unchecked`;

export class SqliteEventStore implements EventStore {
  private readonly stmt: Record<'after' | 'afterAll' | 'maxId', StatementSync>;
  private readonly inPlace: GroupWriter | null;
  /** The writer thread takes messages one at a time, in order: a second group waits there, ready, while the first commits. */
  readonly groupsInFlight: number;

  constructor(private readonly sqlite: DatabaseSync, private readonly offThread: OffThreadWriter | null = null) {
    this.inPlace = offThread ? null : new GroupWriter(sqlite);
    this.groupsInFlight = offThread ? 2 : 1;
    this.stmt = {
      after: sqlite.prepare(
        `SELECT events.*, COALESCE(events.payload, deliveries.body) AS payload_text, ${DEPTH_UNCHECKED}
         FROM events LEFT JOIN deliveries ON deliveries.id = events.delivery_id
         WHERE events.id > ? AND events.workspace_id IN (SELECT value FROM json_each(?)) ORDER BY events.id LIMIT ?`,
      ),
      afterAll: sqlite.prepare(
        `SELECT events.*, COALESCE(events.payload, deliveries.body) AS payload_text, ${DEPTH_UNCHECKED}
         FROM events LEFT JOIN deliveries ON deliveries.id = events.delivery_id
         WHERE events.id > ? ORDER BY events.id LIMIT ?`,
      ),
      maxId: sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events'),
    };
  }

  async appendGroup(records: IntakeRecord[]): Promise<AppendOutcome[]> {
    // A record whose JSON cannot be written fails here, alone; the others go on to the writer.
    const rows = records.map((r): RecordRow | { failed: unknown } => {
      try {
        return toRow(r);
      } catch (error) {
        return { failed: error };
      }
    });
    const writable = rows.filter((r): r is RecordRow => !('failed' in r));
    const written = writable.length > 0 ? await this.write(writable) : [];
    let next = 0;
    return rows.map((row, i) => ('failed' in row ? { ok: false, error: row.failed } : toOutcome(records[i]!, row, written[next++]!)));
  }

  // SQLite has one writer at a time (BEGIN IMMEDIATE), and a group takes its ids and
  // commits inside that one transaction: a read sees whole groups, with no id missing below
  // the highest it sees. The statements themselves run synchronously.
  async after(workspaceIds: string[], afterId: number, limit: number): Promise<EventRow[]> {
    return this.stmt.after.all(afterId, JSON.stringify(workspaceIds), limit) as unknown as EventRow[];
  }

  async afterAll(afterId: number, limit: number): Promise<EventRow[]> {
    return this.stmt.afterAll.all(afterId, limit) as unknown as EventRow[];
  }

  async latestId(): Promise<number> {
    return Number((this.stmt.maxId.get() as { id: number }).id);
  }

  private async write(rows: RecordRow[]): Promise<RowOutcome[]> {
    if (this.offThread) return this.offThread.write(rows);
    // store.transaction (Kysely) shares this connection; should one ever stay open across
    // a turn of the event loop, wait for it to end instead of failing the whole group on
    // "cannot start a transaction within a transaction".
    while (this.sqlite.isTransaction) await new Promise((resolve) => setImmediate(resolve));
    return this.inPlace!.write(rows);
  }
}

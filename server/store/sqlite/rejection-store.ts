import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DroppedTally, RejectedRow, RejectionStore } from '../rejection-store';

/**
 * Refused requests on SQLite: each write is one transaction with `synchronous = NORMAL`.
 * In WAL mode such a commit is not fsynced; it reaches the disk with the next synced
 * commit or checkpoint. Safe on the shared connection: node:sqlite is synchronous, so
 * nothing else runs between the PRAGMAs, and FULL is restored even when the write throws.
 */
export class SqliteRejectionStore implements RejectionStore {
  private readonly stmt: Record<'insertDelivery' | 'readLogged' | 'addLogged' | 'addDropped' | 'droppedSince', StatementSync>;

  constructor(private readonly sqlite: DatabaseSync) {
    const upsert = (column: 'logged' | 'dropped') =>
      sqlite.prepare(
        `INSERT INTO rejected_delivery_counts (endpoint_key, hour, provider, endpoint_id, workspace_ids, ${column}) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (endpoint_key, hour) DO UPDATE SET ${column} = ${column} + excluded.${column}, workspace_ids = excluded.workspace_ids`,
      );
    this.stmt = {
      insertDelivery: sqlite.prepare(
        `INSERT INTO deliveries (provider, endpoint_id, delivery_key, event_type, status, reason, workspace_ids, received_at, body_preview, body, headers, event_count)
         VALUES (?, ?, NULL, ?, 'rejected', ?, ?, ?, ?, NULL, '{}', 0)`,
      ),
      readLogged: sqlite.prepare('SELECT logged FROM rejected_delivery_counts WHERE endpoint_key = ? AND hour = ?'),
      addLogged: upsert('logged'),
      addDropped: upsert('dropped'),
      droppedSince: sqlite.prepare(
        `SELECT COALESCE(SUM(dropped), 0) AS n FROM rejected_delivery_counts
         WHERE hour >= ? AND (? IS NULL OR provider = ?)
           AND EXISTS (SELECT 1 FROM json_each(workspace_ids) w WHERE w.value IN (SELECT value FROM json_each(?)))`,
      ),
    };
  }

  loggedCount(endpointKey: string, hour: string): number {
    return Number((this.stmt.readLogged.get(endpointKey, hour) as { logged: number } | undefined)?.logged ?? 0);
  }

  logRejected(endpointKey: string, hour: string, row: RejectedRow): void {
    const owners = JSON.stringify(row.workspaceIds);
    this.writeWithoutFsync(() => {
      this.stmt.insertDelivery.run(row.provider, row.endpointId, row.eventType, row.reason, owners, row.receivedAt, row.bodyPreview);
      this.stmt.addLogged.run(endpointKey, hour, row.provider, row.endpointId, owners, 1);
    });
  }

  addDropped(tallies: DroppedTally[]): void {
    this.writeWithoutFsync(() => {
      for (const t of tallies) this.stmt.addDropped.run(t.endpointKey, t.hour, t.provider, t.endpointId, JSON.stringify(t.workspaceIds), t.dropped);
    });
  }

  droppedSince(workspaceIds: string[], sinceHour: string, provider?: string): number {
    const row = this.stmt.droppedSince.get(sinceHour, provider ?? null, provider ?? null, JSON.stringify(workspaceIds)) as { n: number };
    return Number(row.n);
  }

  private writeWithoutFsync(write: () => void): void {
    this.sqlite.exec('PRAGMA synchronous = NORMAL');
    try {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        write();
        this.sqlite.exec('COMMIT');
      } catch (error) {
        this.sqlite.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.sqlite.exec('PRAGMA synchronous = FULL');
    }
  }
}

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DroppedTally, RejectedRow, RejectionStore } from '../rejection-store';

/**
 * Refused requests on SQLite: each write is one transaction with `synchronous = NORMAL`.
 * In WAL mode such a commit is not fsynced; it reaches the disk with the next synced
 * commit or checkpoint. Safe on the shared connection: node:sqlite is synchronous, so
 * nothing else runs between the PRAGMAs, and FULL is restored even when the write throws.
 */
export class SqliteRejectionStore implements RejectionStore {
  private readonly stmt: Record<'insertDelivery' | 'addLogged' | 'addDropped' | 'droppedSince', StatementSync>;

  constructor(private readonly sqlite: DatabaseSync) {
    this.stmt = {
      insertDelivery: sqlite.prepare(
        `INSERT INTO deliveries (provider, endpoint_id, delivery_key, event_type, status, reason, workspace_ids, received_at, body_preview, body, headers, event_count)
         VALUES (?, ?, NULL, ?, 'rejected', ?, ?, ?, ?, NULL, '{}', 0)`,
      ),
      // No row comes back when the hour's counter is already at the cap (the update's WHERE fails).
      addLogged: sqlite.prepare(
        `INSERT INTO rejected_delivery_counts (endpoint_key, hour, provider, endpoint_id, workspace_ids, logged) VALUES (?, ?, ?, ?, ?, 1)
         ON CONFLICT (endpoint_key, hour) DO UPDATE SET logged = logged + 1, workspace_ids = excluded.workspace_ids
         WHERE rejected_delivery_counts.logged < ?
         RETURNING logged`,
      ),
      addDropped: sqlite.prepare(
        `INSERT INTO rejected_delivery_counts (endpoint_key, hour, provider, endpoint_id, workspace_ids, dropped) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (endpoint_key, hour) DO UPDATE SET dropped = dropped + excluded.dropped, workspace_ids = excluded.workspace_ids`,
      ),
      droppedSince: sqlite.prepare(
        `SELECT COALESCE(SUM(dropped), 0) AS n FROM rejected_delivery_counts
         WHERE hour >= ? AND (? IS NULL OR provider = ?)
           AND EXISTS (SELECT 1 FROM json_each(workspace_ids) w WHERE w.value IN (SELECT value FROM json_each(?)))`,
      ),
    };
  }

  async logRejected(endpointKey: string, hour: string, row: RejectedRow, cap: number): Promise<boolean> {
    const owners = JSON.stringify(row.workspaceIds);
    return this.writeWithoutFsync(() => {
      if (this.stmt.addLogged.get(endpointKey, hour, row.provider, row.endpointId, owners, cap) === undefined) return false;
      this.stmt.insertDelivery.run(row.provider, row.endpointId, row.eventType, row.reason, owners, row.receivedAt, row.bodyPreview);
      return true;
    });
  }

  async addDropped(tallies: DroppedTally[]): Promise<void> {
    this.writeWithoutFsync(() => {
      for (const t of tallies) this.stmt.addDropped.run(t.endpointKey, t.hour, t.provider, t.endpointId, JSON.stringify(t.workspaceIds), t.dropped);
    });
  }

  async droppedSince(workspaceIds: string[], sinceHour: string, provider?: string): Promise<number> {
    const row = this.stmt.droppedSince.get(sinceHour, provider ?? null, provider ?? null, JSON.stringify(workspaceIds)) as { n: number };
    return Number(row.n);
  }

  private writeWithoutFsync<T>(write: () => T): T {
    this.sqlite.exec('PRAGMA synchronous = NORMAL');
    try {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = write();
        this.sqlite.exec('COMMIT');
        return result;
      } catch (error) {
        this.sqlite.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.sqlite.exec('PRAGMA synchronous = FULL');
    }
  }
}

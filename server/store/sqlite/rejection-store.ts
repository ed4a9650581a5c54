import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DroppedTally, RejectedRow, RejectionStore } from '../rejection-store';
import { writeWithoutFsync } from './write-without-fsync';

/**
 * Refused requests on SQLite: each write is one transaction with `synchronous = NORMAL`
 * (write-without-fsync.ts): in WAL mode such a commit is not fsynced; it reaches the disk
 * with the next synced commit or checkpoint.
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
    return writeWithoutFsync(this.sqlite, () => {
      if (this.stmt.addLogged.get(endpointKey, hour, row.provider, row.endpointId, owners, cap) === undefined) return false;
      this.stmt.insertDelivery.run(row.provider, row.endpointId, row.eventType, row.reason, owners, row.receivedAt, row.bodyPreview);
      return true;
    });
  }

  async addDropped(tallies: DroppedTally[]): Promise<void> {
    await writeWithoutFsync(this.sqlite, () => {
      for (const t of tallies) this.stmt.addDropped.run(t.endpointKey, t.hour, t.provider, t.endpointId, JSON.stringify(t.workspaceIds), t.dropped);
    });
  }

  async droppedSince(workspaceIds: string[], sinceHour: string, provider?: string): Promise<number> {
    const row = this.stmt.droppedSince.get(sinceHour, provider ?? null, provider ?? null, JSON.stringify(workspaceIds)) as { n: number };
    return Number(row.n);
  }
}

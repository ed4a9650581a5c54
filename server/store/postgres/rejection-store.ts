import type pg from 'pg';
import type { DroppedTally, RejectedRow, RejectionStore } from '../rejection-store';
import { writeWithoutSync } from './without-sync';

// No row comes back when the hour's counter is already at the cap: the update's WHERE
// is checked on the row as locked, so concurrent writers (and instances) cannot pass it.
const ADD_LOGGED = `
  INSERT INTO rejected_delivery_counts (endpoint_key, hour, provider, endpoint_id, workspace_ids, logged) VALUES ($1, $2, $3, $4, $5, 1)
  ON CONFLICT (endpoint_key, hour) DO UPDATE SET logged = rejected_delivery_counts.logged + 1, workspace_ids = excluded.workspace_ids
  WHERE rejected_delivery_counts.logged < $6
  RETURNING logged`;

const INSERT_DELIVERY = `
  INSERT INTO deliveries (provider, endpoint_id, delivery_key, event_type, status, reason, workspace_ids, received_at, body_preview, body, headers, event_count)
  VALUES ($1, $2, NULL, $3, 'rejected', $4, $5, $6, $7, NULL, '{}', 0)`;

const ADD_DROPPED = `
  INSERT INTO rejected_delivery_counts (endpoint_key, hour, provider, endpoint_id, workspace_ids, dropped) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (endpoint_key, hour) DO UPDATE SET dropped = rejected_delivery_counts.dropped + excluded.dropped, workspace_ids = excluded.workspace_ids`;

// workspace_ids holds JSON text, as on SQLite.
const DROPPED_SINCE = `
  SELECT COALESCE(SUM(dropped), 0) AS n FROM rejected_delivery_counts
  WHERE hour >= $1 AND (CAST($2 AS text) IS NULL OR provider = $2)
    AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(CAST(workspace_ids AS jsonb)) AS w(value) WHERE w.value = ANY(CAST($3 AS text[])))`;

/** Refused requests on PostgreSQL: the same rows and counters as on SQLite, committed without waiting for a sync. */
export class PostgresRejectionStore implements RejectionStore {
  constructor(private readonly pool: pg.Pool) {}

  logRejected(endpointKey: string, hour: string, row: RejectedRow, cap: number): Promise<boolean> {
    const owners = JSON.stringify(row.workspaceIds);
    return writeWithoutSync(this.pool, async (client) => {
      const counted = await client.query({ name: 'weft_rejected_add_logged', text: ADD_LOGGED, values: [endpointKey, hour, row.provider, row.endpointId, owners, cap] });
      if (counted.rowCount === 0) return false;
      await client.query({
        name: 'weft_rejected_insert_delivery', text: INSERT_DELIVERY,
        values: [row.provider, row.endpointId, row.eventType, row.reason, owners, row.receivedAt, row.bodyPreview],
      });
      return true;
    });
  }

  async addDropped(tallies: DroppedTally[]): Promise<void> {
    if (tallies.length === 0) return;
    // Always in the same order, so two instances flushing the same hours cannot deadlock.
    const sorted = [...tallies].sort((a, b) => (a.endpointKey + a.hour < b.endpointKey + b.hour ? -1 : 1));
    await writeWithoutSync(this.pool, async (client) => {
      for (const t of sorted) {
        await client.query({ name: 'weft_rejected_add_dropped', text: ADD_DROPPED, values: [t.endpointKey, t.hour, t.provider, t.endpointId, JSON.stringify(t.workspaceIds), t.dropped] });
      }
    });
  }

  async droppedSince(workspaceIds: string[], sinceHour: string, provider?: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number | string }>({ name: 'weft_rejected_dropped_since', text: DROPPED_SINCE, values: [sinceHour, provider ?? null, workspaceIds] });
    return Number(rows[0]!.n);
  }
}

import type { DatabaseSync } from 'node:sqlite';
import type { Delivery, DeliveryStatus } from '../../shared/protocol/deliveries';

export interface DeliveryRow {
  id: number; provider: string; endpoint_id: string | null; event_type: string; status: DeliveryStatus;
  reason: string | null; received_at: string; body_preview: string; body: string | null; headers: string;
  event_count: number; workspace_ids: string;
}

export const toDeliveryView = (r: DeliveryRow): Delivery => ({
  id: Number(r.id), provider: r.provider, endpointId: r.endpoint_id, eventType: r.event_type, status: r.status,
  reason: r.reason, receivedAt: r.received_at, bodyPreview: r.body_preview, eventCount: Number(r.event_count),
});

const VISIBLE = `EXISTS (SELECT 1 FROM json_each(deliveries.workspace_ids) w WHERE w.value IN (SELECT value FROM json_each(?)))`;

/** The deliveries a user may see: those attached to one of their workspaces. Newest first. */
export function listDeliveries(
  sqlite: DatabaseSync,
  workspaceIds: string[],
  filter: { provider?: string; status?: DeliveryStatus; limit: number },
): DeliveryRow[] {
  const where = [VISIBLE];
  const params: (string | number)[] = [JSON.stringify(workspaceIds)];
  if (filter.provider) (where.push('provider = ?'), params.push(filter.provider));
  if (filter.status) (where.push('status = ?'), params.push(filter.status));
  params.push(filter.limit);
  const sql = `SELECT * FROM deliveries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
  return sqlite.prepare(sql).all(...params) as unknown as DeliveryRow[];
}

export function findDelivery(sqlite: DatabaseSync, workspaceIds: string[], id: number): DeliveryRow | undefined {
  return sqlite.prepare(`SELECT * FROM deliveries WHERE id = ? AND ${VISIBLE}`).get(id, JSON.stringify(workspaceIds)) as unknown as
    | DeliveryRow
    | undefined;
}

import type { Delivery, DeliveryStatus } from '../../shared/protocol/deliveries';
import type { Store } from '../store/open';

export interface DeliveryRow {
  id: number; provider: string; endpoint_id: string | null; event_type: string; status: DeliveryStatus;
  reason: string | null; received_at: string; body_preview: string; body: string | null; headers: string;
  event_count: number; workspace_ids: string;
}

export const toDeliveryView = (r: DeliveryRow): Delivery => ({
  id: Number(r.id), provider: r.provider, endpointId: r.endpoint_id, eventType: r.event_type, status: r.status,
  reason: r.reason, receivedAt: r.received_at, bodyPreview: r.body_preview, eventCount: Number(r.event_count),
});

/** The store's query builder and its engine's condition on JSON-array columns. */
type DeliveryStore = Pick<Store, 'db' | 'jsonLists'>;

export interface DeliveryPage {
  rows: DeliveryRow[];
  /** The `before` of the next (older) page; null when this one is the last. */
  next: number | null;
}

/**
 * The deliveries a user may see (attached to one of their workspaces), newest first, one
 * page: those with an id below `before`. One row more than the page is read to know
 * whether another page follows.
 */
export async function listDeliveries(
  store: DeliveryStore,
  workspaceIds: string[],
  filter: { provider?: string; status?: DeliveryStatus; before?: number; limit: number },
): Promise<DeliveryPage> {
  let query = store.db.selectFrom('deliveries').selectAll().where(store.jsonLists.overlaps('deliveries.workspace_ids', workspaceIds));
  if (filter.provider) query = query.where('provider', '=', filter.provider);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  const rows = (await query.orderBy('id', 'desc').limit(filter.limit + 1).execute()) as DeliveryRow[];
  const more = rows.length > filter.limit;
  if (more) rows.pop();
  return { rows, next: more ? Number(rows.at(-1)!.id) : null };
}

export async function findDelivery(store: DeliveryStore, workspaceIds: string[], id: number): Promise<DeliveryRow | undefined> {
  return (await store.db.selectFrom('deliveries').selectAll().where('id', '=', id).where(store.jsonLists.overlaps('deliveries.workspace_ids', workspaceIds)).executeTakeFirst()) as
    | DeliveryRow
    | undefined;
}

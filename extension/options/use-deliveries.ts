import { useEffect, useRef } from 'preact/hooks';
import type { Delivery, DeliveryStatus } from '@@/shared/protocol';
import { useLiveQuery } from '@/hooks/use-live-query';
import { useRemote } from '@/hooks/use-remote';
import { api } from '@/lib/api';
import { db } from '@/lib/db';

export type DeliveryFilters = { provider: string; status: DeliveryStatus | '' };

/** The contract has no paging: the newest this many. */
export const deliveriesShown = 100;

/**
 * The server's delivery log, newest first. Reloaded when the filters change and when
 * the background applies new events (an accepted delivery made them); a rejected one
 * makes no event, hence the Refresh button.
 */
export function useDeliveries(filters: DeliveryFilters) {
  const remote = useRemote(
    () => api.deliveries({ provider: filters.provider || undefined, status: filters.status || undefined, limit: deliveriesShown }),
    [filters.provider, filters.status],
  );
  const cursor = useLiveQuery(() => db.meta.get('cursor').then((row) => row?.value));
  const seenCursor = useRef(cursor);
  const { reload } = remote;
  useEffect(() => {
    // Only a change: the first value read is what the initial load already reflects.
    if (seenCursor.current !== undefined && cursor !== seenCursor.current) void reload();
    seenCursor.current = cursor;
  }, [cursor]);

  /** After a replay: the delivery it updated, or the new one it made (listed first, being the newest). */
  function replace(delivery: Delivery) {
    remote.setData((current) => {
      if (!current) return current;
      if (current.deliveries.some((d) => d.id === delivery.id)) {
        return { ...current, deliveries: current.deliveries.map((d) => (d.id === delivery.id ? delivery : d)) };
      }
      const shown = (!filters.provider || delivery.provider === filters.provider) && (!filters.status || delivery.status === filters.status);
      return shown ? { ...current, deliveries: [delivery, ...current.deliveries] } : current;
    });
  }

  /** Refused requests the server only counted (over its per-endpoint cap): one line, not rows. */
  const notLogged = remote.data?.rejectedNotLogged ?? null;
  return { deliveries: remote.data?.deliveries, notLogged, error: remote.error, loading: remote.loading, reload, replace };
}

import { useEffect, useRef } from 'preact/hooks';
import { DELIVERIES_PAGE_DEFAULT, type Delivery, type DeliveryStatus } from '@@/shared/protocol';
import { useAction } from '@/hooks/use-action';
import { useLiveQuery } from '@/hooks/use-live-query';
import { useRemote } from '@/hooks/use-remote';
import { api } from '@/lib/api';
import { db } from '@/lib/db';
import { withNewestPage, withOlderPage, type LoadedLog } from './delivery-pages';

export type DeliveryFilters = { provider: string; status: DeliveryStatus | '' };

/** Rows per page: the first page, and each "Load older". */
export const deliveriesPageSize = DELIVERIES_PAGE_DEFAULT;

/**
 * The server's delivery log, newest first, a page at a time ("Load older" asks for the
 * page after the last one read, by the server's `next` cursor). The newest page is
 * reloaded when the filters change and when the background applies new events (an
 * accepted delivery made them); a rejected one makes no event, hence the Refresh button.
 * A reload keeps the older pages already read when they still join the newest one.
 */
export function useDeliveries(filters: DeliveryFilters) {
  const key = `${filters.provider}|${filters.status}`;
  const ask = (before?: number) =>
    api.deliveries({ provider: filters.provider || undefined, status: filters.status || undefined, before, limit: deliveriesPageSize });
  const shown = useRef<LoadedLog | undefined>(undefined);
  const remote = useRemote(async () => {
    const page = await ask();
    return { log: withNewestPage(shown.current, key, page), notLogged: page.rejectedNotLogged ?? null };
  }, [filters.provider, filters.status]);
  shown.current = remote.data?.log;

  const cursor = useLiveQuery(() => db.meta.get('cursor').then((row) => row?.value));
  const seenCursor = useRef(cursor);
  const { reload } = remote;
  useEffect(() => {
    // Only a change: the first value read is what the initial load already reflects.
    if (seenCursor.current !== undefined && cursor !== seenCursor.current) void reload();
    seenCursor.current = cursor;
  }, [cursor]);

  const older = useAction();
  async function loadOlder() {
    const from = remote.data?.log;
    if (!from || from.next === null) return;
    const page = await older.run(() => ask(from.next!));
    if (!page) return;
    remote.setData((current) => (current && current.log.filters === from.filters ? { ...current, log: withOlderPage(current.log, page) } : current));
  }

  /** After a replay: the delivery it updated, or the new one it made (listed first, being the newest). */
  function replace(delivery: Delivery) {
    remote.setData((current) => {
      if (!current) return current;
      const { log } = current;
      if (log.deliveries.some((d) => d.id === delivery.id)) {
        return { ...current, log: { ...log, deliveries: log.deliveries.map((d) => (d.id === delivery.id ? delivery : d)) } };
      }
      const matches = (!filters.provider || delivery.provider === filters.provider) && (!filters.status || delivery.status === filters.status);
      return matches ? { ...current, log: { ...log, deliveries: [delivery, ...log.deliveries] } } : current;
    });
  }

  // A log read with other filters is not shown while the new one loads.
  const log = remote.data?.log.filters === key ? remote.data.log : undefined;
  return {
    deliveries: log?.deliveries,
    /** Whether the server has older deliveries than the last row shown. */
    hasOlder: (log?.next ?? null) !== null,
    loadOlder,
    loadingOlder: older.busy,
    olderError: older.error,
    /** Refused requests the server only counted (over its per-endpoint cap): one line, not rows. */
    notLogged: remote.data?.notLogged ?? null,
    error: remote.error,
    loading: remote.loading,
    reload,
    replace,
  };
}

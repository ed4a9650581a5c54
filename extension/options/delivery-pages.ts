import type { Delivery } from '@@/shared/protocol';

/** The delivery log as the options page holds it: the pages read so far, for one set of filters. */
export type LoadedLog = { filters: string; deliveries: Delivery[]; next: number | null };
type Page = { deliveries: Delivery[]; next: number | null };

/**
 * A fresh newest page, joined to the older pages already read (Load older). They are kept
 * only if they continue it with no hole: the newest row already read must be at or above
 * the fresh page's oldest, else deliveries between the two would be missing from the
 * list, and the reader starts again from the fresh page. Rows the fresh page pushed down
 * (new deliveries arrived) stay, from the older rows read before.
 */
export function withNewestPage(loaded: LoadedLog | undefined, filters: string, fresh: Page): LoadedLog {
  const start: LoadedLog = { filters, ...fresh };
  if (!loaded || loaded.filters !== filters || fresh.next === null || loaded.deliveries.length === 0) return start;
  const freshOldest = fresh.deliveries.at(-1)?.id;
  if (freshOldest === undefined || loaded.deliveries[0]!.id < freshOldest) return start;
  const below = loaded.deliveries.filter((d) => d.id < freshOldest);
  return below.length ? { filters, deliveries: [...fresh.deliveries, ...below], next: loaded.next } : start;
}

/** An older page (asked for with `before: loaded.next`) appended below what is shown. */
export function withOlderPage(loaded: LoadedLog, older: Page): LoadedLog {
  const oldest = loaded.deliveries.at(-1)?.id ?? Infinity;
  return { ...loaded, deliveries: [...loaded.deliveries, ...older.deliveries.filter((d) => d.id < oldest)], next: older.next };
}

/** A sliding window: at most `max` turns counted in any `windowMs`. */
export interface Window {
  /** Whose window: a hashed sign-in key, a connection's provider budget (`con_1`, `con_1:search`). */
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Sliding windows kept in the database (`limit_stamps`), so every instance sharing it
 * counts against the same windows: N instances together stay under a limit instead of
 * each allowing all of it. A turn is a row holding its window's key and the time it stops
 * counting; a window's count is its rows not expired yet.
 *
 * Turns are not worth a disk sync: losing the last few on a power cut only forgets a few
 * attempts. SQLite writes them without one; PostgreSQL commits as usual.
 */
export interface SlidingWindows {
  /**
   * Counts one turn at `now` in every window given if each of them holds fewer than its
   * `max`, else counts none. Resolves to 0 when counted, otherwise to the milliseconds
   * until every window has room again (at least 1). Takes of one `lock` key run one at a
   * time across every instance, so two cannot both see the last free turn.
   */
  take(lock: string, windows: Window[], now: number): Promise<number>;
  /** Turns counted in `key`'s window at `now`, without counting one. */
  count(key: string, now: number): Promise<number>;
  /** Forgets every turn of `key` (a successful sign-in starts its pair's count again). */
  clear(key: string): Promise<void>;
  /**
   * Deletes the turns expired at `now`; then, if more than `cap` rows remain, the soonest
   * to expire until `cap` are left. Returns how many rows it deleted.
   */
  prune(now: number, cap: number): Promise<number>;
}

/**
 * Rows `limit_stamps` may hold after a prune. A legitimate load holds far fewer (each
 * window keeps at most its `max` live turns); only a spray of distinct keys (addresses,
 * accounts) reaches it, and then the oldest turns are forgotten first, as an in-memory
 * counter would forget them. ~100 bytes a row: about 20 MB on disk.
 */
export const SLIDING_WINDOW_ROWS_CAP = 200_000;

/**
 * When `windows` all have room again, given each one's `max`-th newest live turn's expiry
 * (undefined when it holds fewer than `max`): 0 when every window has room now. A full
 * window has room again once all but `max - 1` of its live turns have expired, which is
 * when its `max`-th newest does.
 */
export function waitFor(maxthNewest: (number | undefined)[], now: number): number {
  let wait = 0;
  for (const expiry of maxthNewest) if (expiry !== undefined) wait = Math.max(wait, expiry - now, 1);
  return wait;
}

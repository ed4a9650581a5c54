import type { DatabaseSync } from 'node:sqlite';
import type { Logger } from '../lib/log';

/**
 * SQLite keeps the pages of deleted rows in the file for reuse: pruning old events stops
 * the database from growing but never makes it smaller. With `auto_vacuum = INCREMENTAL`
 * the file can give those pages back, a bounded number at a time (`incremental_vacuum(N)`
 * moves N free pages to the end and cuts them off), without the full rewrite and exclusive
 * lock of a VACUUM. PostgreSQL has its own autovacuum; this is the SQLite engine's part.
 */

const INCREMENTAL = 2;

/**
 * Turns incremental auto-vacuum on. A new, empty database takes the setting as it is (it
 * must be set before the first table). An existing one records it only by being rebuilt,
 * so it gets one VACUUM, here at start before anything else uses the handle: it copies
 * the database into a fresh file (needs free disk space about the database's size) inside
 * one transaction, so a crash or a full disk leaves the old file as it was, and the server
 * then starts without the setting and tries again next time.
 */
export function enableIncrementalVacuum(sqlite: DatabaseSync, log?: Pick<Logger, 'info' | 'warn'>): void {
  if (Number((sqlite.prepare('PRAGMA auto_vacuum').get() as { auto_vacuum: number }).auto_vacuum) === INCREMENTAL) return;
  sqlite.exec('PRAGMA auto_vacuum = INCREMENTAL');
  const tables = Number((sqlite.prepare('SELECT COUNT(*) AS n FROM sqlite_master').get() as { n: number }).n);
  if (tables === 0) return;
  const started = performance.now();
  try {
    sqlite.exec('VACUUM');
  } catch (error) {
    log?.warn(`Could not rebuild the database to let it shrink after pruning (${(error as Error).message}); it keeps working and Weft tries again at the next start.`);
    return;
  }
  log?.info(`Rebuilt the database once so that it can shrink after old events are pruned (${Math.round(performance.now() - started)} ms).`);
}

/**
 * Gives the free pages back to the file system, `pagesPerStep` at a time with a turn of
 * the event loop between steps, so webhook intake (same connection) waits for one step
 * at most; then checkpoints, since the shorter file is written by the checkpoint. Returns
 * how many pages were released and the longest step (ms).
 */
export async function reclaimFreePages(sqlite: DatabaseSync, pagesPerStep = 500): Promise<{ pages: number; longestStepMs: number }> {
  const free = () => Number((sqlite.prepare('PRAGMA freelist_count').get() as { freelist_count: number }).freelist_count);
  let longestStepMs = 0;
  const timed = (sql: string) => {
    const started = performance.now();
    sqlite.exec(sql);
    longestStepMs = Math.max(longestStepMs, performance.now() - started);
  };
  const before = free();
  let left = before;
  while (left > 0) {
    timed(`PRAGMA incremental_vacuum(${Math.floor(pagesPerStep)})`);
    const now = free();
    if (now >= left) break; // auto_vacuum is off (the one-time rebuild failed): nothing to give back.
    left = now;
    await new Promise((resolve) => setImmediate(resolve));
  }
  timed('PRAGMA wal_checkpoint(TRUNCATE)');
  return { pages: before - left, longestStepMs };
}

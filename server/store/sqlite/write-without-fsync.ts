import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `write` as one transaction committed with `synchronous = NORMAL`: in WAL mode such
 * a commit is not fsynced; it reaches the disk with the next synced commit or checkpoint.
 * For rows whose loss on a power cut costs nothing that matters (throttle counts), so
 * they never pay for a disk sync. Safe on the shared connection: node:sqlite is
 * synchronous, so nothing else runs between the PRAGMAs, and FULL is restored even when
 * the write throws. A Kysely transaction (store.transaction) shares this connection: one
 * open across a turn of the event loop is waited for, not joined.
 */
export async function writeWithoutFsync<T>(sqlite: DatabaseSync, write: () => T): Promise<T> {
  while (sqlite.isTransaction) await new Promise((resolve) => setImmediate(resolve));
  sqlite.exec('PRAGMA synchronous = NORMAL');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = write();
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      sqlite.exec('ROLLBACK');
      throw error;
    }
  } finally {
    sqlite.exec('PRAGMA synchronous = FULL');
  }
}

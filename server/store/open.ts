import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator } from 'kysely';
import type { Logger } from '../lib/log';
import { prepareDataDir, tightenFiles } from './data-dir';
import { assertDataDirUsable, explainOpenError } from './data-dir-check';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { migrationProvider } from './migrations';
import { nodeSqliteDialect } from './node-sqlite-dialect';
import { enableIncrementalVacuum, reclaimFreePages } from './reclaim-space';
import type { Database } from './schema';

/**
 * The store: one Kysely instance the whole server queries through. SQLite (node:sqlite)
 * is the default; PostgreSQL slots in here later with the same query code.
 */
export interface Store {
  db: Kysely<Database>;
  /** The raw handle, for lucia's SQLite adapter and the event log's hot path. */
  sqlite: DatabaseSync;
  /**
   * Runs `fn` in one synchronous transaction on the raw handle. Kysely and the event
   * log share one connection, so a Kysely transaction spanning awaits could interleave
   * with the log's group commit; after start-up, every multi-statement write uses this.
   */
  transaction<T>(fn: (sqlite: DatabaseSync) => T): T;
  /** Gives the pages of deleted rows back to the disk (after retention pruned): how many, and the longest step. */
  reclaimSpace(): Promise<{ pages: number; longestStepMs: number }>;
  close(): Promise<void>;
}

/**
 * Opens `<dataDir>/weft.db` (or `:memory:`) and applies pending migrations. The data
 * folder is locked to this process until close (data-dir-lock.ts), and a folder or file
 * Weft cannot write stops start-up with its path and the cause (data-dir-check.ts). The
 * folder and its files are made private to this user first (data-dir.ts).
 */
export async function openStore(location: { dataDir: string; log?: Logger } | ':memory:'): Promise<Store> {
  let file = ':memory:';
  let lock: DataDirLock | undefined;
  let sqlite: DatabaseSync;
  try {
    if (location !== ':memory:') {
      assertDataDirUsable(location.dataDir);
      file = prepareDataDir(location.dataDir, location.log);
      lock = lockDataDir(location.dataDir);
    }
    sqlite = new DatabaseSync(file);
    // WAL: readers never wait for the writer. FULL: every commit is fsynced before it
    // returns, so "acknowledged" means on disk even across a power cut; the event log's
    // group commit keeps that affordable.
    // First of all: a new database takes it only before its first table, and before WAL
    // mode writes its header.
    enableIncrementalVacuum(sqlite, location === ':memory:' ? undefined : location.log);
    sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  } catch (error) {
    lock?.release();
    throw location === ':memory:' ? error : explainOpenError(error, location.dataDir);
  }
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect(sqlite) });

  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider,
    // 004 and 005 landed in the opposite order on the way to this release; a database
    // that already has 005 still gets 004 (they touch different tables).
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    lock?.release();
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  if (location !== ':memory:') {
    // Copy the WAL into the database and empty it, so what a migration scrubbed (old
    // session tokens) is gone from the WAL file too, not only from the newest pages.
    sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE);');
    tightenFiles(location.dataDir, location.log);
  }
  const transaction = <T>(fn: (handle: DatabaseSync) => T): T => {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = fn(sqlite);
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      sqlite.exec('ROLLBACK');
      throw error;
    }
  };
  const close = async () => {
    await db.destroy();
    lock?.release();
  };
  return { db, sqlite, transaction, reclaimSpace: () => reclaimFreePages(sqlite), close };
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations';
import { nodeSqliteDialect } from './node-sqlite-dialect';
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
  close(): Promise<void>;
}

/** Opens `<dataDir>/weft.db` (or `:memory:`) and applies pending migrations. */
export async function openStore(location: { dataDir: string } | ':memory:'): Promise<Store> {
  let file = ':memory:';
  if (location !== ':memory:') {
    mkdirSync(location.dataDir, { recursive: true });
    file = path.join(location.dataDir, 'weft.db');
  }
  const sqlite = new DatabaseSync(file);
  // WAL: readers never wait for the writer. FULL: every commit is fsynced before it
  // returns, so "acknowledged" means on disk even across a power cut; the event log's
  // group commit keeps that affordable.
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect(sqlite) });

  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
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
  return { db, sqlite, transaction, close: () => db.destroy() };
}

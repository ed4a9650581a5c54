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
  /** The raw handle, for lucia's SQLite adapter. */
  sqlite: DatabaseSync;
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
  // WAL: readers never wait for the writer; NORMAL sync is durable in WAL mode across
  // process crashes (a power cut can lose the last transactions; FULL is a later option).
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect(sqlite) });

  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return { db, sqlite, close: () => db.destroy() };
}

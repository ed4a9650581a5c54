import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import { createGraphileQueue } from '../jobs/graphile-queue';
import { createSqliteQueue } from '../jobs/sqlite-queue';
import type { JobQueue } from '../jobs/types';
import type { Logger } from '../lib/log';
import { prepareDataDir, tightenFiles } from './data-dir';
import { assertDataDirUsable, explainOpenError } from './data-dir-check';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import type { Engine } from './engine';
import type { EngineParts } from './engine-parts';
import { migrationProvider } from './migrations';
import { commitWithoutFsync, nodeSqliteDialect } from './node-sqlite-dialect';
import { assertPostgresReachable, createPostgresPool } from './postgres-pool';
import { postgresEngine } from './postgres/engine';
import { migrateJobSchema } from './postgres/job-schema';
import { enableIncrementalVacuum } from './reclaim-space';
import type { Database } from './schema';
import { sqliteEngine } from './sqlite/engine';
import { OffThreadWriter } from './sqlite/off-thread-writer';
import { unsyncedStatements } from './sqlite/unsynced-statement';

/**
 * The store: one Kysely instance the whole server queries through, on SQLite
 * (node:sqlite, the default) or PostgreSQL (`WEFT_DATABASE_URL`), with the same schema
 * from the same migrations, plus the engine's parts (engine-parts.ts: the event log's
 * group commit, the rejection counters, webhook routing, JSON-array conditions, the
 * session adapter, reclaiming space). Nothing outside `server/store/` sees a driver or
 * writes engine-specific SQL (seam.test.ts).
 */
export interface Store extends EngineParts {
  engine: Engine;
  db: Kysely<Database>;
  /**
   * Runs `fn` in one transaction and commits when its promise resolves (rolls back when it
   * rejects). `fn` must only run queries through `trx` and await nothing else: on SQLite
   * the whole server shares one connection, so a transaction left open across other I/O
   * would hold up the event log's group commit until it ends.
   */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * The job engine on this store (server/jobs/): the `jobs` table on SQLite,
   * graphile-worker on PostgreSQL, behind one interface.
   */
  jobQueue(options: JobQueueOptions): JobQueue;
  close(): Promise<void>;
}

export interface TransactionOptions {
  /**
   * false: the commit does not wait for the disk (SQLite `synchronous = NORMAL`,
   * PostgreSQL `synchronous_commit = off`). The process dying loses nothing; a power cut
   * (or, on PostgreSQL, the database server crashing) may lose it, but only together with
   * every commit after it up to the next synced one: the log is written in order, and a
   * synced commit makes everything before it durable. So a caller may skip the wait when
   * nothing outside the database depends on the commit before the next synced one.
   */
  synced?: boolean;
}

/** What a job engine takes besides its database; tests move the clocks and shorten the lease. */
export interface JobQueueOptions {
  log: Logger;
  /** The clock cron schedules (and on SQLite, every due time and lease) are read from. */
  now?: () => number;
  leaseMs?: number;
  heartbeatMs?: number;
  random?: () => number;
}

/** Where the store lives: a data folder (SQLite), `:memory:` (SQLite, tests), or PostgreSQL. */
export type StoreLocation =
  | ':memory:'
  | { dataDir: string; log?: Logger }
  | { databaseUrl: string; poolSize: number; log?: Logger };

/** Opens the store and applies pending migrations. */
export function openStore(location: StoreLocation): Promise<Store> {
  return typeof location === 'object' && 'databaseUrl' in location ? openPostgresStore(location) : openSqliteStore(location);
}

/**
 * Opens `<dataDir>/weft.db` (or `:memory:`). The data folder is locked to this process
 * until close (data-dir-lock.ts), and a folder or file Weft cannot write stops start-up
 * with its path and the cause (data-dir-check.ts). The folder and its files are made
 * private to this user first (data-dir.ts).
 */
async function openSqliteStore(location: { dataDir: string; log?: Logger } | ':memory:'): Promise<Store> {
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
  try {
    await migrate(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    lock?.release();
    throw error;
  }
  let writer: OffThreadWriter | null = null;
  if (location !== ':memory:') {
    // Copy the WAL into the database and empty it, so what a migration scrubbed (old
    // session tokens) is gone from the WAL file too, not only from the newest pages.
    sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE);');
    tightenFiles(location.dataDir, location.log);
    // The event log's commits (and their fsyncs) run on a thread of their own.
    try {
      writer = await OffThreadWriter.start(file);
    } catch (error) {
      await db.destroy();
      lock?.release();
      throw error;
    }
  }
  const close = async () => {
    await writer?.close();
    await db.destroy();
    lock?.release();
  };
  return {
    engine: 'sqlite', db, ...sqliteEngine(sqlite, writer),
    transaction: (fn, options) =>
      options?.synced === false ? commitWithoutFsync.run({ taken: false }, () => db.transaction().execute(fn)) : db.transaction().execute(fn),
    jobQueue: (options) => createSqliteQueue({ db, unsynced: unsyncedStatements(sqlite), ...options }),
    close,
  };
}

/**
 * Connects to PostgreSQL through a pool of `poolSize` connections. No folder lock: several
 * instances sharing the database is the point; Kysely's migrator takes a database lock so
 * instances starting together apply each migration once.
 */
async function openPostgresStore(location: { databaseUrl: string; poolSize: number; log?: Logger }): Promise<Store> {
  const pool = createPostgresPool(location.databaseUrl, location.poolSize, location.log);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await assertPostgresReachable(pool, location.databaseUrl);
    await migrate(db, 'postgres');
    await migrateJobSchema(pool, location.log);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const parts = postgresEngine(pool, location.log);
  const close = async () => {
    await parts.signals.close();
    await db.destroy();
  };
  return {
    engine: 'postgres', db, ...parts,
    transaction: (fn, options) =>
      db.transaction().execute(async (trx) => {
        if (options?.synced === false) await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        return fn(trx);
      }),
    jobQueue: (options) => createGraphileQueue({ db, pool, ...options }),
    close,
  };
}

async function migrate(db: Kysely<Database>, engine: Engine): Promise<void> {
  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider(engine),
    // 004 and 005 landed in the opposite order on the way to this release; a database
    // that already has 005 still gets 004 (they touch different tables).
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

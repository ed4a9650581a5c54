import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator } from 'kysely';
import { migrationProvider } from '../migrations';
import { nodeSqliteDialect } from '../node-sqlite-dialect';

/**
 * For tests of SQLite-specific behaviour (pragmas, files on disk, databases an older
 * release left behind): a connection with the migrations applied up to `upTo` (all of
 * them by default), the raw handle beside Kysely. `file` defaults to `:memory:`.
 */
export async function migratedSqlite(options: { file?: string; upTo?: string } = {}): Promise<{ sqlite: DatabaseSync; db: Kysely<any> }> {
  const sqlite = new DatabaseSync(options.file ?? ':memory:');
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  const db = new Kysely<any>({ dialect: nodeSqliteDialect(sqlite) });
  const migrator = new Migrator({ db, provider: migrationProvider('sqlite'), allowUnorderedMigrations: true });
  const { error } = options.upTo ? await migrator.migrateTo(options.upTo) : await migrator.migrateToLatest();
  if (error) throw error;
  return { sqlite, db };
}

import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator } from 'kysely';
import { expect, it } from 'vitest';
import { nodeSqliteDialect } from '../node-sqlite-dialect';
import { migrationProvider } from './index';

// Migrations 001–007 learnt to run on PostgreSQL; on SQLite they must still write exactly
// the schema they wrote before (an existing database migrates as it always did, and one
// created now is the same as one created then). sqlite-schema-at-007.sql is that schema,
// as the release before PostgreSQL wrote it.
it('on SQLite, migrations up to 007 write the same schema, statement for statement, as before PostgreSQL support', async () => {
  const sqlite = new DatabaseSync(':memory:');
  const db = new Kysely<unknown>({ dialect: nodeSqliteDialect(sqlite) });
  const { error } = await new Migrator({ db, provider: migrationProvider('sqlite'), allowUnorderedMigrations: true }).migrateTo('007-one-connection-per-account');
  expect(error).toBeUndefined();
  const rows = sqlite
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string | null }[];
  const schema = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? '(automatic)'};`).join('\n');
  expect(`${schema}\n`).toBe(readFileSync(new URL('./sqlite-schema-at-007.sql', import.meta.url), 'utf8'));
  await db.destroy();
});

// What migration 011 adds on SQLite, statement for statement: the shared limits' tables
// (sliding-window turns and refresh leases) with their indexes.
it('on SQLite, migration 011 adds the shared limits tables and their indexes', async () => {
  const sqlite = new DatabaseSync(':memory:');
  const db = new Kysely<unknown>({ dialect: nodeSqliteDialect(sqlite) });
  const { error } = await new Migrator({ db, provider: migrationProvider('sqlite'), allowUnorderedMigrations: true }).migrateTo('011-shared-limits');
  expect(error).toBeUndefined();
  const rows = sqlite
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('limit_stamps', 'refresh_leases') ORDER BY type, name")
    .all() as { type: string; name: string; sql: string | null }[];
  expect(rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql ?? '(automatic)'};`)).toEqual([
    '-- index limit_stamps_expires_ms\nCREATE INDEX "limit_stamps_expires_ms" on "limit_stamps" ("expires_ms");',
    '-- index limit_stamps_key_expires_ms\nCREATE INDEX "limit_stamps_key_expires_ms" on "limit_stamps" ("key", "expires_ms");',
    '-- index sqlite_autoindex_refresh_leases_1\n(automatic);',
    '-- table limit_stamps\nCREATE TABLE "limit_stamps" ("key" text not null, "expires_ms" bigint not null);',
    '-- table refresh_leases\nCREATE TABLE "refresh_leases" ("connection_id" text primary key, "holder" text not null, "expires_ms" bigint not null);',
  ]);
  await db.destroy();
});

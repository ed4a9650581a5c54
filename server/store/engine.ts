import type { ColumnDataType, CreateTableBuilder } from 'kysely';

/**
 * The database engine under the store. SQLite (node:sqlite, one file under
 * WEFT_DATA_DIR) is the embedded default; PostgreSQL (`WEFT_DATABASE_URL`) is for several
 * instances sharing one database. Everything that differs between the two lives in
 * `server/store/`; migrations ask this file for the few column types that do.
 */
export type Engine = 'sqlite' | 'postgres';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/**
 * Column types that differ per engine. On SQLite they are exactly what the migrations
 * wrote before PostgreSQL existed, so an existing database migrates as it always did
 * (`sqlite-schema-at-007.sql` holds that schema and a test compares against it).
 */
export function columnTypes(engine: Engine) {
  const postgres = engine === 'postgres';
  return {
    /**
     * A row id the database assigns, ascending and never reused. SQLite: INTEGER
     * PRIMARY KEY AUTOINCREMENT (the rowid). PostgreSQL: a bigint identity; `pg` reads
     * int8 as a number here (store/postgres-pool.ts), the same as SQLite's integers.
     */
    serialId:
      <T extends string>(name: T) =>
      <B extends CreateTableBuilder<any, any>>(table: B): B =>
        (postgres
          ? table.addColumn(name, 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
          : table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement())) as B,
    /** A column holding one of those ids. */
    idRef: (postgres ? 'bigint' : 'integer') satisfies ColumnDataType as ColumnDataType,
    /**
     * A session's expiry as each lucia adapter writes it: unix seconds on SQLite, a
     * timestamptz on PostgreSQL (its adapter passes a Date and reads one back).
     */
    sessionExpiry: (postgres ? 'timestamptz' : 'integer') satisfies ColumnDataType as ColumnDataType,
  };
}

import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/**
 * Kysely's SqliteDialect speaks better-sqlite3's interface. node:sqlite is close but
 * spreads parameters instead of taking an array and has no `reader` flag, so this thin
 * adapter bridges the two; no native addon is needed on Node >= 22.13.
 */
export function nodeSqliteDialect(db: DatabaseSync): SqliteDialect {
  const database: SqliteDatabase = {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      // Kysely opens a transaction with a plain (deferred) BEGIN. The event log commits on
      // its own connection (sqlite/off-thread-writer.ts), so a deferred transaction that read
      // before that commit could not write after it (SQLITE_BUSY, at once, whatever the
      // timeout): take the write lock up front instead, and wait for it.
      const statement = db.prepare(sql === 'begin' ? 'BEGIN IMMEDIATE' : sql);
      const params = (p: ReadonlyArray<unknown>) => p as SQLInputValue[];
      return {
        // A statement that yields columns is a reader (SELECT, or anything with RETURNING).
        reader: statement.columns().length > 0,
        all: (p) => statement.all(...params(p)),
        run: (p) => statement.run(...params(p)),
        iterate: (p) => statement.iterate(...params(p)) as IterableIterator<unknown>,
      };
    },
  };
  return new SqliteDialect({ database });
}

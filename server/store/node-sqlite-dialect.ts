import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { preparedCache } from './sqlite/prepared-cache';

/**
 * Prepared statements kept per connection. Kysely hands the driver SQL text on every
 * query, and preparing it again cost more than running it (a third of a flow step's
 * database time in the bench); the server issues a few hundred distinct statements, so
 * the cache holds them all, and a statement with an unusual `in (?, ?, …)` list only
 * pushes the least recently used one out.
 */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Set around a Kysely transaction whose commit need not wait for the disk
 * (store.transaction with `synced: false`). `synchronous` cannot change inside a
 * transaction, so the dialect reads this when Kysely sends `begin`: the flag is taken by
 * the first transaction begun in that context, and never by one begun later from work
 * it started.
 */
export const commitWithoutFsync = new AsyncLocalStorage<{ taken: boolean }>();

/**
 * Kysely's SqliteDialect speaks better-sqlite3's interface. node:sqlite is close but
 * spreads parameters instead of taking an array and has no `reader` flag, so this thin
 * adapter bridges the two; no native addon is needed on Node >= 22.13.
 */
export function nodeSqliteDialect(db: DatabaseSync): SqliteDialect {
  // Whether the open transaction was begun with `synchronous = NORMAL`: its end sets FULL
  // again. node:sqlite is synchronous, so nothing runs between the PRAGMA and the BEGIN,
  // nor between the COMMIT and the PRAGMA after it.
  let unsynced = false;
  const begin = <T>(run: () => T): T => {
    const flag = commitWithoutFsync.getStore();
    if (!flag || flag.taken) return run();
    flag.taken = true;
    db.exec('PRAGMA synchronous = NORMAL');
    unsynced = true;
    try {
      return run();
    } catch (error) {
      end();
      throw error;
    }
  };
  const end = () => {
    // A COMMIT that failed left the transaction open: its ROLLBACK sets FULL again.
    if (!unsynced || db.isTransaction) return;
    unsynced = false;
    db.exec('PRAGMA synchronous = FULL');
  };

  const cache = preparedCache(STATEMENT_CACHE_SIZE, (sql) => {
    // Kysely opens a transaction with a plain (deferred) BEGIN. The event log commits on
    // its own connection (sqlite/off-thread-writer.ts), so a deferred transaction that read
    // before that commit could not write after it (SQLITE_BUSY, at once, whatever the
    // timeout): take the write lock up front instead, and wait for it.
    const statement = db.prepare(sql === 'begin' ? 'BEGIN IMMEDIATE' : sql);
    const plain = (params: SQLInputValue[]) => statement.run(...params);
    // What running it does, decided once per statement rather than on every run: a
    // transaction's BEGIN and its end also set its `synchronous` level.
    let run = plain;
    if (sql === 'begin') run = (params) => begin(() => plain(params));
    else if (sql === 'commit' || sql === 'rollback') {
      run = (params) => {
        try {
          return plain(params);
        } finally {
          end();
        }
      };
    }
    // A statement that yields columns is a reader (SELECT, or anything with RETURNING).
    return { statement, reader: statement.columns().length > 0, run };
  });

  const database: SqliteDatabase = {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const { statement, reader, run } = cache.get(sql);
      const params = (p: ReadonlyArray<unknown>) => p as SQLInputValue[];
      return {
        reader,
        // all() and run() reset the statement before they bind, so one statement serves
        // every caller in turn (node:sqlite is synchronous: no two run at once).
        all: (p) => statement.all(...params(p)),
        run: (p) => run(params(p)),
        // A stream reads across turns of the event loop: it gets a statement of its own, so
        // nothing that reuses the cached one can reset it under the stream.
        iterate: (p) => db.prepare(sql).iterate(...params(p)) as IterableIterator<unknown>,
      };
    },
  };
  return new SqliteDialect({ database });
}

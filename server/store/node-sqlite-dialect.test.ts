import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { commitWithoutFsync, nodeSqliteDialect, STATEMENT_CACHE_SIZE } from './node-sqlite-dialect';

interface Db {
  t: { id: number; name: string };
}

/** A connection that counts what it prepares. */
function countingConnection() {
  const sqlite = new DatabaseSync(':memory:');
  const prepared: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => (prepared.push(text), prepare(text))) as typeof sqlite.prepare;
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  return { db: new Kysely<Db>({ dialect: nodeSqliteDialect(sqlite) }), prepared };
}

/**
 * A connection that notes, at each COMMIT Kysely sends, the `synchronous` level it commits
 * with: 2 (FULL) waits for the disk, 1 (NORMAL) does not.
 */
function syncWatchingConnection() {
  const sqlite = new DatabaseSync(':memory:');
  const commits: number[] = [];
  const level = () => Number((sqlite.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous);
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    const statement = prepare(text);
    if (text !== 'commit') return statement;
    return { columns: () => statement.columns(), run: () => (commits.push(level()), statement.run()) };
  }) as typeof sqlite.prepare;
  sqlite.exec('PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  return { db: new Kysely<Db>({ dialect: nodeSqliteDialect(sqlite) }), commits, level };
}

let open: Kysely<Db> | undefined;
afterEach(async () => {
  await open?.destroy();
  open = undefined;
});

describe('node:sqlite dialect', () => {
  it('prepares a statement once and runs it again with other parameters', async () => {
    const { db, prepared } = countingConnection();
    open = db;
    for (let i = 1; i <= 50; i++) await db.insertInto('t').values({ id: i, name: `n${i}` }).execute();
    const names = [];
    for (const id of [3, 7, 50]) names.push((await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst())?.name);
    expect(names).toEqual(['n3', 'n7', 'n50']);
    expect(prepared.filter((s) => s.startsWith('insert'))).toHaveLength(1);
    expect(prepared.filter((s) => s.startsWith('select'))).toHaveLength(1);
  });

  it('keeps at most STATEMENT_CACHE_SIZE statements, dropping the least recently used', async () => {
    const { db, prepared } = countingConnection();
    open = db;
    const hot = () => db.selectFrom('t').select('id').where('name', '=', 'hot').execute();
    await hot();
    // Distinct texts (an `in` list of every length), the hot one used in between.
    for (let n = 1; n <= STATEMENT_CACHE_SIZE + 100; n++) {
      await db.selectFrom('t').select('id').where('id', 'in', Array.from({ length: n }, (_, i) => i)).execute();
      if (n % 50 === 0) await hot();
    }
    const hotText = prepared[0]!;
    expect(prepared.filter((s) => s === hotText)).toHaveLength(1);
    // The first `in (?)` statement was pushed out: running it again prepares it again.
    await db.selectFrom('t').select('id').where('id', 'in', [0]).execute();
    expect(prepared.filter((s) => s.endsWith('in (?)'))).toHaveLength(2);
  });

  it('streams rows, and runs the streamed query again after it', async () => {
    const { db } = countingConnection();
    open = db;
    for (let i = 1; i <= 5; i++) await db.insertInto('t').values({ id: i, name: `n${i}` }).execute();
    const query = db.selectFrom('t').select('id').where('id', '>', 1).orderBy('id');
    const streamed: number[] = [];
    for await (const row of query.stream()) streamed.push(row.id);
    expect(streamed).toEqual([2, 3, 4, 5]);
    expect((await query.execute()).map((r) => r.id)).toEqual([2, 3, 4, 5]);
  });

  it('knows a statement with RETURNING is a reader', async () => {
    const { db } = countingConnection();
    open = db;
    const rows = await db.insertInto('t').values({ id: 9, name: 'x' }).returning(['id']).execute();
    expect(rows).toEqual([{ id: 9 }]);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows).toEqual([{ n: 1 }]);
  });

  describe('a transaction begun in commitWithoutFsync (store.transaction with synced: false)', () => {
    it('commits with synchronous = NORMAL; every other transaction, and the connection after it, stays FULL', async () => {
      const { db, commits, level } = syncWatchingConnection();
      open = db;
      await db.transaction().execute((tx) => tx.insertInto('t').values({ id: 1, name: 'synced' }).execute());
      await commitWithoutFsync.run({ taken: false }, () => db.transaction().execute((tx) => tx.insertInto('t').values({ id: 2, name: 'unsynced' }).execute()));
      await db.transaction().execute((tx) => tx.insertInto('t').values({ id: 3, name: 'synced' }).execute());
      expect(commits).toEqual([2, 1, 2]);
      expect(level()).toBe(2);
      expect((await db.selectFrom('t').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([1, 2, 3]);
    });

    it('is one transaction\'s only: work it started that begins a transaction later commits synced', async () => {
      const { db, commits } = syncWatchingConnection();
      open = db;
      let later: Promise<unknown> | undefined;
      await commitWithoutFsync.run({ taken: false }, () =>
        db.transaction().execute(async (tx) => {
          // Started inside the unsynced transaction's context, it runs once that one ended.
          later = db.transaction().execute((t2) => t2.insertInto('t').values({ id: 2, name: 'later' }).execute());
          await tx.insertInto('t').values({ id: 1, name: 'first' }).execute();
        }));
      await later;
      expect(commits).toEqual([1, 2]);
    });

    it('leaves the connection at FULL when the transaction rolls back', async () => {
      const { db, commits, level } = syncWatchingConnection();
      open = db;
      await expect(commitWithoutFsync.run({ taken: false }, () =>
        db.transaction().execute(async (tx) => {
          await tx.insertInto('t').values({ id: 1, name: 'x' }).execute();
          await tx.insertInto('t').values({ id: 1, name: 'same id' }).execute();
        }))).rejects.toThrow(/UNIQUE/);
      expect(level()).toBe(2);
      expect(commits).toEqual([]);
      expect(await db.selectFrom('t').selectAll().execute()).toEqual([]);
      await db.transaction().execute((tx) => tx.insertInto('t').values({ id: 1, name: 'x' }).execute());
      expect(commits).toEqual([2]);
    });
  });
});

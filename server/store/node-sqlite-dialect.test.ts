import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeSqliteDialect, STATEMENT_CACHE_SIZE } from './node-sqlite-dialect';

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
});

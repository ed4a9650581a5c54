import { DatabaseSync } from 'node:sqlite';

/**
 * For tests: calls `seen` at every COMMIT Kysely sends on a SQLite connection opened after
 * this (the store's), with whether that commit waits for the disk (`synchronous` FULL) or
 * not (NORMAL, `store.transaction(fn, { synced: false })`). Returns a function that
 * puts node:sqlite back as it was; call it in afterEach.
 */
export function watchSqliteCommits(seen: (commit: 'synced' | 'unsynced') => void): () => void {
  const original = DatabaseSync.prototype.prepare;
  DatabaseSync.prototype.prepare = function (this: DatabaseSync, text: string) {
    const statement = original.call(this, text);
    // The dialect prepares Kysely's `commit` once per connection and keeps it.
    if (text !== 'commit') return statement;
    const level = () => Number((original.call(this, 'PRAGMA synchronous').get() as { synchronous: number }).synchronous);
    return {
      columns: () => statement.columns(),
      run: () => (seen(level() === 2 ? 'synced' : 'unsynced'), statement.run()),
    } as unknown as ReturnType<typeof original>;
  };
  return () => {
    DatabaseSync.prototype.prepare = original;
  };
}

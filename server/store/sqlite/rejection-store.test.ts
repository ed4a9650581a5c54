import type { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { migratedSqlite } from './migrated';
import { SqliteRejectionStore } from './rejection-store';

let sqlite: DatabaseSync | undefined;
afterEach(() => sqlite?.close());

const synchronous = (db: DatabaseSync) => Number((db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous);

describe('SqliteRejectionStore', () => {
  it('writes rejected rows with synchronous = NORMAL and leaves the connection at FULL', async () => {
    ({ sqlite } = await migratedSqlite());
    const store = new SqliteRejectionStore(sqlite);
    const seen: number[] = [];
    const exec = sqlite.exec.bind(sqlite);
    sqlite.exec = (sql: string) => {
      if (sql === 'COMMIT') seen.push(synchronous(sqlite!));
      return exec(sql);
    };
    const row = {
      provider: 'github', endpointId: null, eventType: 'unknown', reason: 'X-Hub-Signature-256 does not match.', workspaceIds: [], bodyPreview: '{}', receivedAt: '2026-11-30T16:10:00.000Z',
    };
    expect(await store.logRejected('github', '2026-11-30T16', row, 1)).toBe(true);
    await store.addDropped([{ endpointKey: 'github', hour: '2026-11-30T16', provider: 'github', endpointId: null, workspaceIds: [], dropped: 3 }]);
    expect(seen).toEqual([1, 1]); // NORMAL, for the row and for the counts
    expect(synchronous(sqlite)).toBe(2); // FULL
    // At the cap: nothing written, and the connection is left at FULL all the same.
    expect(await store.logRejected('github', '2026-11-30T16', row, 1)).toBe(false);
    expect(synchronous(sqlite)).toBe(2);
    expect(Number((sqlite.prepare("SELECT count(*) AS n FROM deliveries WHERE status = 'rejected'").get() as { n: number }).n)).toBe(1);
  });
});

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
    store.logRejected('github', '2026-11-30T16', {
      provider: 'github', endpointId: null, eventType: 'unknown', reason: 'X-Hub-Signature-256 does not match.', workspaceIds: [], bodyPreview: '{}', receivedAt: '2026-11-30T16:10:00.000Z',
    });
    store.addDropped([{ endpointKey: 'github', hour: '2026-11-30T16', provider: 'github', endpointId: null, workspaceIds: [], dropped: 3 }]);
    expect(seen).toEqual([1, 1]); // NORMAL, for the row and for the counts
    expect(synchronous(sqlite)).toBe(2); // FULL
    expect(store.loggedCount('github', '2026-11-30T16')).toBe(1);
  });
});

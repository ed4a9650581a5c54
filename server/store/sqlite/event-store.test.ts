import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeRecord, NewEvent } from '../intake-record';
import { SqliteEventStore } from './event-store';
import { migratedSqlite } from './migrated';

const cleanup: (() => void)[] = [];
afterEach(() => { for (const undo of cleanup.splice(0).reverse()) undo(); });

const event = (payload: unknown): NewEvent => ({
  workspaceId: 'wsp_a', type: 'test.thing', provider: 'test', connectionId: null, payload,
  summary: { title: 'A thing', url: null, actor: null, assignees: [], mentions: [], subject: null },
});
const record = (key: string | null, payload: unknown): IntakeRecord => ({
  provider: 'test', endpointId: null, eventType: 'test.thing', status: 'accepted', reason: null, workspaceIds: ['wsp_a'],
  bodyPreview: '', body: null, items: [{ key, events: [event(payload)] }],
});

/** A value JSON.stringify cannot write: it overflows the stack. */
function tooDeep(): unknown {
  let value: unknown = [];
  for (let i = 0; i < 20_000; i++) value = [value];
  return value;
}

async function onDisk() {
  const dir = mkdtempSync(path.join(tmpdir(), 'weft-event-store-'));
  const file = path.join(dir, 'weft.db');
  const { sqlite } = await migratedSqlite({ file });
  const reader = new DatabaseSync(file, { readOnly: true });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => sqlite.close(), () => reader.close());
  return { sqlite, reader };
}

describe('SqliteEventStore.appendGroup (the group commit)', () => {
  it('settles after COMMIT, which ran with synchronous = FULL; a record that cannot be written fails alone', async () => {
    const { sqlite, reader } = await onDisk();
    const store = new SqliteEventStore(sqlite);
    const commits: number[] = [];
    const exec = sqlite.exec.bind(sqlite);
    sqlite.exec = (sql: string) => {
      if (sql === 'COMMIT') commits.push(Number((sqlite.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous));
      return exec(sql);
    };

    const outcomes = await store.appendGroup([record('a', { n: 1 }), record('b', tooDeep()), record('c', { n: 3 }), record('a', { n: 4 })]);

    expect(commits).toEqual([2]); // one transaction for the group, fsynced (FULL)
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true]);
    expect(outcomes.map((o) => (o.ok ? o.stored.status : 'failed'))).toEqual(['accepted', 'failed', 'accepted', 'duplicate']);
    // Another connection already sees exactly what was acknowledged: committed, nothing of the failed record.
    const rows = reader.prepare('SELECT delivery_key, status, event_count FROM deliveries ORDER BY id').all();
    expect(rows).toEqual([
      { delivery_key: 'a', status: 'accepted', event_count: 1 },
      { delivery_key: 'c', status: 'accepted', event_count: 1 },
      { delivery_key: 'a', status: 'duplicate', event_count: 0 },
    ]);
    expect((await store.after(['wsp_a'], 0, 10)).map((e) => JSON.parse(e.payload_text!))).toEqual([{ n: 1 }, { n: 3 }]);
    expect(await store.latestId()).toBe((await store.after(['wsp_a'], 0, 10)).at(-1)!.id);
  });

  it('a failed COMMIT rejects the whole group and leaves nothing behind', async () => {
    const { sqlite, reader } = await onDisk();
    const store = new SqliteEventStore(sqlite);
    const exec = sqlite.exec.bind(sqlite);
    sqlite.exec = (sql: string) => {
      if (sql === 'COMMIT') throw new Error('disk I/O error');
      return exec(sql);
    };
    await expect(store.appendGroup([record('a', { n: 1 }), record('b', { n: 2 })])).rejects.toThrow('disk I/O error');
    expect(sqlite.isTransaction).toBe(false);
    expect(reader.prepare('SELECT COUNT(*) AS n FROM deliveries').get()).toEqual({ n: 0 });
  });
});

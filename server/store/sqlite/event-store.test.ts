import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeRecord, NewEvent } from '../intake-record';
import { SqliteEventStore } from './event-store';
import { migratedSqlite } from './migrated';
import { OffThreadWriter } from './off-thread-writer';
import { GroupWriter, type RecordRow } from './group-writer';
import { openWriteConnection } from './writer-thread';

const cleanup: (() => unknown)[] = [];
afterEach(async () => { for (const undo of cleanup.splice(0).reverse()) await undo(); });

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
  return { file, sqlite, reader };
}

async function offThread(file: string, options: { busyTimeoutMs?: number } = {}) {
  const writer = await OffThreadWriter.start(file, options);
  cleanup.push(() => writer.close());
  return writer;
}

const mixedGroup = () => [record('a', { n: 1 }), record('b', tooDeep()), record('c', { n: 3 }), record('a', { n: 4 })];

/** What a group of `mixedGroup()` must leave, seen from another connection. */
async function expectMixedGroupWritten(store: SqliteEventStore, reader: DatabaseSync, outcomes: Awaited<ReturnType<SqliteEventStore['appendGroup']>>) {
  expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true]);
  expect(outcomes.map((o) => (o.ok ? o.stored.status : 'failed'))).toEqual(['accepted', 'failed', 'accepted', 'duplicate']);
  // Another connection already sees exactly what was acknowledged: committed, nothing of the failed record.
  const rows = reader.prepare('SELECT delivery_key, status, event_count FROM deliveries ORDER BY id').all();
  expect(rows).toEqual([
    { delivery_key: 'a', status: 'accepted', event_count: 1 },
    { delivery_key: 'c', status: 'accepted', event_count: 1 },
    { delivery_key: 'a', status: 'duplicate', event_count: 0 },
  ]);
  const read = await store.after(['wsp_a'], 0, 10);
  expect(read.map((e) => JSON.parse(e.payload_text!))).toEqual([{ n: 1 }, { n: 3 }]);
  const ids = outcomes.flatMap((o) => (o.ok ? o.stored.events.map((e) => e.id) : []));
  expect(read.map((e) => e.id)).toEqual(ids);
  expect(await store.latestId()).toBe(ids.at(-1));
}

describe('SqliteEventStore.appendGroup (the group commit)', () => {
  it('in place (an in-memory store): settles after COMMIT, which ran with synchronous = FULL; a record that cannot be written fails alone', async () => {
    const { sqlite, reader } = await onDisk();
    const store = new SqliteEventStore(sqlite);
    const commits: number[] = [];
    const exec = sqlite.exec.bind(sqlite);
    sqlite.exec = (sql: string) => {
      if (sql === 'COMMIT') commits.push(Number((sqlite.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous));
      return exec(sql);
    };
    const outcomes = await store.appendGroup(mixedGroup());
    expect(commits).toEqual([2]); // one transaction for the group, fsynced (FULL)
    await expectMixedGroupWritten(store, reader, outcomes);
  });

  it('on the writer thread: the same outcomes, committed before it settles, and nothing written by the main connection', async () => {
    const { file, sqlite, reader } = await onDisk();
    const store = new SqliteEventStore(sqlite, await offThread(file));
    const exec = sqlite.exec.bind(sqlite);
    sqlite.exec = (sql: string) => {
      throw new Error(`the main connection ran ${sql}`);
    };
    const outcomes = await store.appendGroup(mixedGroup());
    sqlite.exec = exec;
    await expectMixedGroupWritten(store, reader, outcomes);
  });

  it("the writer thread's connection commits with synchronous = FULL, enforces foreign keys and waits for a held lock", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'weft-write-connection-'));
    const sqlite = openWriteConnection(path.join(dir, 'weft.db'));
    try {
      const pragma = (name: string) => Object.values(sqlite.prepare(`PRAGMA ${name}`).get()!)[0];
      expect([pragma('synchronous'), pragma('foreign_keys'), pragma('busy_timeout')]).toEqual([2, 1, 5000]);
    } finally {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a record the database refuses inside the group (a constraint) fails alone; the records around it are written once', async () => {
    const { sqlite, reader } = await onDisk();
    const connection = openWriteConnection(sqlite.location()!);
    cleanup.push(() => connection.close());
    const writer = new GroupWriter(connection);
    const row = (key: string, provider: string | null = 'test'): RecordRow => ({
      provider: provider as string, endpointId: null, deliveryKey: key, eventType: 'test.thing', status: 'accepted', reason: null, workspaceIds: '["wsp_a"]',
      createdAt: '2026-12-01T00:00:00.000Z', bodyPreview: '', body: null, headers: '{}',
      items: [{ key, events: [{ workspaceId: 'wsp_a', type: 'test.thing', provider: 'test', connectionId: null, summary: '{}', payload: '{}' }] }],
    });
    // deliveries.provider is NOT NULL: the second record is refused by SQLite itself, mid-group.
    const outcomes = writer.write([row('a'), row('b', null), row('c')]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(reader.prepare('SELECT delivery_key FROM deliveries ORDER BY id').all().map((r) => r.delivery_key)).toEqual(['a', 'c']);
    expect(reader.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 2 });
  });

  it('groups sent one after another to the writer thread commit in that order, with ids in that order', async () => {
    const { file, sqlite } = await onDisk();
    const store = new SqliteEventStore(sqlite, await offThread(file));
    const groups = await Promise.all(Array.from({ length: 5 }, (_, g) => store.appendGroup([record(`g${g}-a`, { g }), record(`g${g}-b`, { g })])));
    const ids = groups.flat().map((o) => (o.ok ? o.stored.events[0]!.id : NaN));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect((await store.after(['wsp_a'], 0, 20)).map((e) => JSON.parse(e.payload_text!).g)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it("a transaction the main connection holds longer than the thread's busy timeout delays its group instead of failing it", async () => {
    const { file, sqlite, reader } = await onDisk();
    const busyTimeoutMs = 20;
    const store = new SqliteEventStore(sqlite, await offThread(file, { busyTimeoutMs }));
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec("INSERT INTO users (id, email, password_hash, created_at) VALUES ('usr_1', 'a@example.com', 'x', '2026-11-30')");
    const appended = store.appendGroup([record('a', { n: 1 })]);
    // Held for ten of the thread's timeouts (what a busy_timeout alone would fail on), then committed.
    await new Promise((resolve) => setTimeout(resolve, 10 * busyTimeoutMs));
    sqlite.exec('COMMIT');
    expect((await appended).map((o) => o.ok)).toEqual([true]);
    expect(reader.prepare('SELECT COUNT(*) AS n FROM deliveries').get()).toEqual({ n: 1 });
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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeRecord } from './intake-record';
import { openStore, type Store } from './open';
import { createTestDatabase } from './testing/engines';

let store: Store | undefined;
let dataDir: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  await dropDatabase?.();
  dropDatabase = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const webhook: IntakeRecord = {
  provider: 'test', endpointId: null, eventType: 'test.thing', status: 'accepted', reason: null, workspaceIds: ['wsp_a'],
  bodyPreview: '', body: null,
  items: [{ key: 'k1', events: [{ workspaceId: 'wsp_a', type: 'test.thing', provider: 'test', connectionId: null, payload: {}, summary: { title: 'A thing', url: null, actor: null, assignees: [], mentions: [], subject: null } }] }],
};
const user = (id: string) => ({ id, email: `${id}@example.com`, password_hash: 'x', created_at: '2026-11-30' });

describe('store.transaction', () => {
  it('commits everything or, when fn throws, nothing', async () => {
    store = await openStore(':memory:');
    await store.transaction(async (trx) => {
      await trx.insertInto('users').values(user('usr_1')).execute();
      await trx.insertInto('users').values(user('usr_2')).execute();
    });
    await expect(store.transaction(async (trx) => {
      await trx.insertInto('users').values(user('usr_3')).execute();
      await trx.insertInto('users').values(user('usr_1')).execute(); // duplicate key
    })).rejects.toThrow();
    expect((await store.db.selectFrom('users').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['usr_1', 'usr_2']);
  });

  it('held open across turns of the event loop, it delays the group commit instead of failing it', async () => {
    store = await openStore(':memory:');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = store.transaction(async (trx) => {
      await trx.insertInto('users').values(user('usr_1')).execute();
      await held;
      await trx.insertInto('users').values(user('usr_2')).execute();
    });
    await nextTurn();
    const appended = store.events.appendGroup([webhook]);
    let settled = false;
    void appended.finally(() => (settled = true));
    await nextTurn();
    await nextTurn();
    expect(settled).toBe(false);
    release();
    await transaction;
    const outcomes = await appended;
    expect(outcomes.map((o) => o.ok)).toEqual([true]);
    expect(await store.events.latestId()).toBe(1);
    expect(await store.db.selectFrom('users').select('id').execute()).toHaveLength(2);
  });

  it('on a data folder, a transaction that read before the event log committed (on its own connection) can still write', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'weft-transaction-'));
    store = await openStore({ dataDir });
    const s = store;
    let appended: ReturnType<Store['events']['appendGroup']> | undefined;
    await s.transaction(async (trx) => {
      await trx.selectFrom('users').select('id').execute();
      appended = s.events.appendGroup([webhook]);
      // Time enough for the writer thread to commit, were the transaction not holding the write lock.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await trx.insertInto('users').values(user('usr_1')).execute();
    });
    expect((await appended!).map((o) => o.ok)).toEqual([true]);
    expect(await s.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    expect(await s.events.latestId()).toBe(1);
  });
});

describe('store.transaction with synced: false', () => {
  it('on SQLite (a data folder) commits what it wrote, and leaves the connection syncing every other commit', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'weft-unsynced-'));
    store = await openStore({ dataDir });
    await store.transaction((trx) => trx.insertInto('users').values(user('usr_1')).execute(), { synced: false });
    await store.transaction((trx) => trx.insertInto('users').values(user('usr_2')).execute());
    expect((await store.db.selectFrom('users').select('id').orderBy('id').execute()).map((u) => u.id)).toEqual(['usr_1', 'usr_2']);
    expect((await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db)).rows[0]?.synchronous).toBe(2); // FULL
  });

  it('on PostgreSQL sets synchronous_commit = off for that transaction only', async () => {
    const database = await createTestDatabase();
    dropDatabase = database.drop;
    // The test cluster turns synchronous_commit off for speed; here it starts at PostgreSQL's default (on).
    const url = new URL(database.url);
    url.searchParams.set('options', '-c synchronous_commit=on');
    // One connection, so the transactions after the unsynced one run where it ran.
    store = await openStore({ databaseUrl: url.toString(), poolSize: 1 });
    const level = async (trx: Parameters<Parameters<Store['transaction']>[0]>[0]) =>
      (await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(trx)).rows[0]?.synchronous_commit;
    const seen = [
      await store.transaction(level),
      await store.transaction(async (trx) => (await trx.insertInto('users').values(user('usr_1')).execute(), level(trx)), { synced: false }),
      await store.transaction(level),
    ];
    expect(seen).toEqual(['on', 'off', 'on']);
    expect(await store.db.selectFrom('users').select('id').execute()).toEqual([{ id: 'usr_1' }]);
  });
});

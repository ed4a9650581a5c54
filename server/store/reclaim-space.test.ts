import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { EventLog } from '../events/event-log';
import { runRetention } from '../events/retention-sweep';
import { createLogger } from '../lib/log';
import { migrationProvider } from './migrations';
import { nodeSqliteDialect } from './node-sqlite-dialect';
import { openStore, type Store } from './open';

let store: Store | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await store?.close();
  store = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DAY_MS = 86_400_000;
const fileSize = (dataDir: string) => statSync(path.join(dataDir, 'weft.db')).size;
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function dataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'weft-reclaim-'));
  dirs.push(dir);
  return dir;
}

/** 2,000 webhooks of 4 KB each, received 40 days ago (past the 30-day limit), then written to the file. */
async function fillWithOldDeliveries(s: Store) {
  await s.db.insertInto('workspaces').values({ id: 'wsp_a', name: 'A', personal: 1, created_at: '2026-01-01' }).execute();
  const log = new EventLog(s.events);
  const body = JSON.stringify({ text: 'x'.repeat(4_000) });
  await Promise.all(Array.from({ length: 2_000 }, (_, i) => log.record({
    provider: 'github', endpointId: null, eventType: 'issues', status: 'accepted', reason: null, workspaceIds: ['wsp_a'],
    bodyPreview: body.slice(0, 500), body, headers: {},
    items: [{ key: `d-${i}`, events: [{ workspaceId: 'wsp_a', type: 'github.issues.opened', provider: 'github', connectionId: null, payload: null, payloadIsBody: true,
      summary: { title: `#${i}`, url: null, actor: null, assignees: [], mentions: [], subject: null } }] }],
  })));
  const longAgo = new Date(Date.now() - 40 * DAY_MS).toISOString();
  await s.db.updateTable('deliveries').set({ received_at: longAgo }).execute();
  await s.db.updateTable('events').set({ created_at: longAgo }).execute();
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(s.db);
}

async function pruneWithTheSweep(s: Store) {
  const config = loadConfig({ WEFT_DATA_DIR: 'unused' });
  await runRetention({ store: s, config, log: createLogger(() => {}) });
}

describe('the database file shrinks after retention prunes', () => {
  it('a new database: filled, pruned by the sweep, and the file on disk is smaller', async () => {
    const dir = dataDir();
    store = await openStore({ dataDir: dir });
    await fillWithOldDeliveries(store);
    const full = fileSize(dir);
    expect(full).toBeGreaterThan(8 * 2 ** 20);

    await pruneWithTheSweep(store);

    const after = fileSize(dir);
    // Everything but the newest event and its delivery went: the file is a fraction of what it was.
    expect(mib(after)).toBeLessThan(mib(full) / 10);
  });

  it('a database from before this release gets incremental vacuum once, at start, and then shrinks too', async () => {
    const dir = dataDir();
    // As 007 left it: created without auto_vacuum.
    const old = new DatabaseSync(path.join(dir, 'weft.db'));
    old.exec('PRAGMA journal_mode = WAL');
    const { error } = await new Migrator({ db: new Kysely({ dialect: nodeSqliteDialect(old) }), provider: migrationProvider('sqlite'), allowUnorderedMigrations: true })
      .migrateTo('007-one-connection-per-account');
    expect(error).toBeUndefined();
    expect(old.prepare('PRAGMA auto_vacuum').get()).toEqual({ auto_vacuum: 0 });
    old.close();

    const lines: string[] = [];
    store = await openStore({ dataDir: dir, log: createLogger((line) => lines.push(line)) });
    expect((await sql`PRAGMA auto_vacuum`.execute(store.db)).rows).toEqual([{ auto_vacuum: 2 }]);
    expect(lines.join('\n')).toMatch(/Rebuilt the database once so that it can shrink/);

    await fillWithOldDeliveries(store);
    const full = fileSize(dir);
    await pruneWithTheSweep(store);
    expect(fileSize(dir)).toBeLessThan(full / 10);

    // The next start finds the setting and does not rebuild again.
    await store.close();
    lines.length = 0;
    store = await openStore({ dataDir: dir, log: createLogger((line) => lines.push(line)) });
    expect(lines.join('\n')).not.toMatch(/Rebuilt/);
  });
});

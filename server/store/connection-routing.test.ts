import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from './open';
import { POSTGRES_CONNECTIONS_FOR } from './postgres/connection-routing';
import { createPostgresPool } from './postgres-pool';
import { SQLITE_CONNECTIONS_FOR } from './sqlite/connection-routing';
import { migratedSqlite } from './sqlite/migrated';
import { createTestDatabase, forEachEngine, openTestStore } from './testing/engines';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function addConnection(s: Store, id: string, c: { workspace: string; provider: string; accountId?: string; label?: string; createdAt: string }) {
  await s.db.insertInto('connections').values({
    id, workspace_id: c.workspace, created_by: 'usr_1', provider: c.provider, name: id, auth_mode: 'oauth2',
    account_id: c.accountId ?? null, account_label: c.label ?? null, scopes: '[]', status: 'active', status_reason: null,
    access_token: 'sealed', refresh_token: null, expires_at: null, created_at: c.createdAt, updated_at: c.createdAt, last_used_at: null,
  }).execute();
}

async function addWorkspaces(s: Store, ids: string[]) {
  const at = '2026-11-01T00:00:00.000Z';
  await s.db.insertInto('users').values({ id: 'usr_1', email: 'ada@example.com', password_hash: 'scrypt$x', created_at: at }).execute();
  await s.db.insertInto('workspaces').values(ids.map((id) => ({ id, name: id, personal: 0, created_at: at }))).execute();
}

forEachEngine('webhook routing (store.routing)', (engine) => {
  it('finds connections by account id or by label in any case, of that provider only, oldest first (ties by id)', async () => {
    store = await openTestStore(engine);
    await addWorkspaces(store, ['wsp_1', 'wsp_2', 'wsp_3', 'wsp_4']);
    await addConnection(store, 'con_b', { workspace: 'wsp_2', provider: 'github', accountId: '42', label: 'Octo-Org', createdAt: '2026-11-30T10:00:00.000Z' });
    await addConnection(store, 'con_a', { workspace: 'wsp_1', provider: 'github', accountId: '42', label: 'octo-org', createdAt: '2026-11-30T10:00:00.000Z' });
    await addConnection(store, 'con_old', { workspace: 'wsp_3', provider: 'github', label: 'OCTO-ORG', createdAt: '2026-11-29T10:00:00.000Z' });
    await addConnection(store, 'con_hub', { workspace: 'wsp_1', provider: 'hubspot', accountId: '42', createdAt: '2026-11-28T10:00:00.000Z' });
    await addConnection(store, 'con_other', { workspace: 'wsp_4', provider: 'github', accountId: '43', label: 'someone', createdAt: '2026-11-27T10:00:00.000Z' });

    const ids = async (accountIds: string[], labels: string[], provider = 'github') => (await store!.routing.connectionsFor(provider, accountIds, labels)).map((r) => r.id);
    expect(await ids(['42'], [])).toEqual(['con_a', 'con_b']);
    expect(await ids([], ['Octo-ORG'])).toEqual(['con_old', 'con_a', 'con_b']);
    expect(await ids(['43'], ['octo-org'])).toEqual(['con_other', 'con_old', 'con_a', 'con_b']);
    expect(await ids(['42'], [], 'hubspot')).toEqual(['con_hub']);
    expect(await ids(['7'], ['nobody'])).toEqual([]);
    expect(await ids([], [])).toEqual([]);
    expect(await store.routing.connectionsFor('github', ['42'], [])).toEqual([
      { id: 'con_a', workspace_id: 'wsp_1' },
      { id: 'con_b', workspace_id: 'wsp_2' },
    ]);
  });

  it('a connection added, relabelled, moved or removed is routed to (or not) at the very next lookup', async () => {
    store = await openTestStore(engine);
    await addWorkspaces(store, ['wsp_1', 'wsp_2']);
    const ids = async () => (await store!.routing.connectionsFor('github', ['42'], ['Octo-Org'])).map((r) => `${r.id}@${r.workspace_id}`);
    expect(await ids()).toEqual([]);
    await addConnection(store, 'con_a', { workspace: 'wsp_1', provider: 'github', label: 'someone', createdAt: '2026-11-30T10:00:00.000Z' });
    expect(await ids()).toEqual([]);
    await store.db.updateTable('connections').set({ account_label: 'octo-org' }).where('id', '=', 'con_a').execute();
    expect(await ids()).toEqual(['con_a@wsp_1']);
    await addConnection(store, 'con_b', { workspace: 'wsp_2', provider: 'github', accountId: '42', createdAt: '2026-11-30T11:00:00.000Z' });
    expect(await ids()).toEqual(['con_a@wsp_1', 'con_b@wsp_2']);
    await store.db.updateTable('connections').set({ workspace_id: 'wsp_2' }).where('id', '=', 'con_a').execute();
    expect(await ids()).toEqual(['con_a@wsp_2', 'con_b@wsp_2']);
    await store.db.deleteFrom('connections').where('id', '=', 'con_b').execute();
    expect(await ids()).toEqual(['con_a@wsp_2']);
    // A change rolled back was never there, even for a lookup made while it was pending
    // (on SQLite's one connection that lookup sees it).
    await expect(store.transaction(async (trx) => {
      await trx.updateTable('connections').set({ account_label: 'elsewhere' }).where('id', '=', 'con_a').execute();
      await store!.routing.connectionsFor('github', ['42'], ['Octo-Org']);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await ids()).toEqual(['con_a@wsp_2']);
  });
});

/** 3,000 connections over three providers in one workspace, for the planner to choose by. */
const MANY_CONNECTIONS = `
  INSERT INTO connections (id, workspace_id, created_by, provider, name, auth_mode, account_id, account_label, scopes, status, access_token, created_at, updated_at)
  SELECT 'con_' || g, 'wsp_1', 'usr_1', CASE g % 3 WHEN 0 THEN 'github' WHEN 1 THEN 'hubspot' ELSE 'slack' END, 'c', 'oauth2',
         CAST(g AS text), 'Login' || g, '[]', 'active', 'sealed', '2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.000Z'
  FROM generate_series(1, 3000) AS g`;

describe('webhook routing reads indexes, not every connection of the provider (migration 010)', () => {
  it('on SQLite: one index search by account id, one by lower-cased label', async () => {
    const { sqlite, db } = await migratedSqlite();
    try {
      await db.insertInto('users').values({ id: 'usr_1', email: 'ada@example.com', password_hash: 'x', created_at: '2026-11-01T00:00:00.000Z' }).execute();
      await db.insertInto('workspaces').values({ id: 'wsp_1', name: 'w', personal: 1, created_at: '2026-11-01T00:00:00.000Z' }).execute();
      sqlite.exec(MANY_CONNECTIONS.replace('generate_series(1, 3000) AS g', '(WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 3000) SELECT g FROM s)'));
      sqlite.exec('ANALYZE');
      const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${SQLITE_CONNECTIONS_FOR}`).all('github', '["3"]', 'github', '["login3"]') as { detail: string }[]).map((r) => r.detail);
      expect(plan).toContain('SEARCH connections USING INDEX connections_route_account_id (provider=? AND account_id=?)');
      expect(plan).toContain('SEARCH connections USING INDEX connections_route_account_label (provider=? AND <expr>=?)');
      expect(plan.filter((d) => d.startsWith('SCAN connections'))).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('on PostgreSQL: an index condition on account id, and one on lower-cased label', async () => {
    const database = await createTestDatabase();
    const pool = createPostgresPool(database.url, 1);
    try {
      await pool.query(`INSERT INTO users (id, email, password_hash, created_at) VALUES ('usr_1', 'ada@example.com', 'x', '2026-11-01T00:00:00.000Z')`);
      await pool.query(`INSERT INTO workspaces (id, name, personal, created_at) VALUES ('wsp_1', 'w', 1, '2026-11-01T00:00:00.000Z')`);
      await pool.query(MANY_CONNECTIONS);
      await pool.query('ANALYZE connections');
      const { rows } = await pool.query({ text: `EXPLAIN ${POSTGRES_CONNECTIONS_FOR}`, values: ['github', ['3'], ['login3']] });
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan (using|on) connections_route_account_id[^\n]*\n\s+Index Cond: \(\(provider = 'github'::text\) AND \(account_id = ANY/);
      expect(plan).toMatch(/Index Scan (using|on) connections_route_account_label[^\n]*\n\s+Index Cond: \(\(provider = 'github'::text\) AND \(lower\(account_label\) = ANY/);
      expect(plan).not.toMatch(/Seq Scan on connections/);
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});

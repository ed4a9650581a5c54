import { afterEach, expect, it } from 'vitest';
import type { Store } from './open';
import { forEachEngine, openTestStore } from './testing/engines';

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

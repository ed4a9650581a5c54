import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createLucia } from '../accounts/lucia';
import { forEachEngine, openTestStore } from './testing/engines';
import { migrationNames } from './migrations';
import type { Store } from './open';
import { isUniqueViolation } from './unique-violation';

// The store on SQLite and on PostgreSQL: the same migrations from an empty database, the
// same reads and writes through Kysely, and lucia's sessions through each engine's adapter.

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const now = '2026-11-30T12:00:00.000Z';

async function addUser(s: Store, id: string, email = `${id}@example.com`) {
  await s.db.insertInto('users').values({ id, email, password_hash: 'scrypt$x', created_at: now }).execute();
  await s.db.insertInto('workspaces').values({ id: `ws_${id}`, name: 'Personal', personal: 1, created_at: now }).execute();
  await s.db.insertInto('workspace_members').values({ workspace_id: `ws_${id}`, user_id: id, role: 'owner', created_at: now }).execute();
}

forEachEngine('the store', (engine) => {
  it('store.transaction commits all or nothing; a duplicate key is recognised as a unique violation; JSON-array conditions match', async () => {
    store = await openTestStore(engine);
    await store.transaction(async (trx) => {
      await trx.insertInto('users').values({ id: 'usr_1', email: 'a@example.com', password_hash: 'x', created_at: now }).execute();
    });
    let failure: unknown;
    await store.transaction(async (trx) => {
      await trx.insertInto('users').values({ id: 'usr_2', email: 'b@example.com', password_hash: 'x', created_at: now }).execute();
      await trx.insertInto('users').values({ id: 'usr_3', email: 'a@example.com', password_hash: 'x', created_at: now }).execute(); // email taken
    }).catch((e: unknown) => (failure = e));
    expect(isUniqueViolation(failure)).toBe(true);
    expect(isUniqueViolation(new Error('something else'))).toBe(false);
    expect((await store.db.selectFrom('users').select('id').execute()).map((r) => r.id)).toEqual(['usr_1']);

    const delivery = (key: string, workspaceIds: string[]) => ({
      provider: 'github', endpoint_id: null, delivery_key: key, event_type: 'issues', status: 'accepted' as const, reason: null,
      workspace_ids: JSON.stringify(workspaceIds), received_at: now, body_preview: '', body: null, headers: '{}', event_count: 0,
    });
    await store.db.insertInto('deliveries').values([delivery('a', ['wsp_1']), delivery('b', ['wsp_2', 'wsp_3']), delivery('c', [])]).execute();
    const visibleTo = async (ids: string[]) =>
      (await store!.db.selectFrom('deliveries').select('delivery_key').where(store!.jsonLists.overlaps('deliveries.workspace_ids', ids)).orderBy('id').execute()).map((r) => r.delivery_key);
    expect(await visibleTo(['wsp_3'])).toEqual(['b']);
    expect(await visibleTo(['wsp_1', 'wsp_2'])).toEqual(['a', 'b']);
    expect(await visibleTo(["wsp_9'); DROP TABLE deliveries; --"])).toEqual([]);
    expect(await visibleTo([])).toEqual([]);
  });

  it('applies every migration to an empty database, and opening it again applies none', async () => {
    store = await openTestStore(engine, { empty: true });
    expect(store.engine).toBe(engine);
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(store.db);
    expect(applied.rows.map((r) => r.name)).toEqual(migrationNames);
    // Every table of the schema answers a query with its typed columns.
    const events = await store.db.selectFrom('events').selectAll().execute();
    expect(events).toEqual([]);
    expect(await store.db.selectFrom('rejected_delivery_counts').select(['endpoint_key', 'hour', 'logged', 'dropped']).execute()).toEqual([]);
  });

  it('writes and reads rows back with the same types: ids ascending from 1, counts and integers as numbers, NULLs as null', async () => {
    store = await openTestStore(engine);
    await addUser(store, 'usr_1');
    const delivery = await store.db
      .insertInto('deliveries')
      .values({ provider: 'github', endpoint_id: null, delivery_key: 'd-1', event_type: 'issues.opened', status: 'accepted', reason: null, workspace_ids: '["ws_usr_1"]', received_at: now, body_preview: '{}', body: '{"a":1}', headers: '{}', event_count: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(delivery.id).toBe(1);
    const ids: number[] = [];
    for (const type of ['issues.opened', 'issue_comment.created']) {
      const row = await store.db
        .insertInto('events')
        .values({ workspace_id: 'ws_usr_1', type, provider: 'github', connection_id: null, delivery_id: delivery.id, summary: '{"title":"t"}', payload: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    expect(ids).toEqual([1, 2]);
    const events = await store.db.selectFrom('events').selectAll().where('id', '>', 0).orderBy('id').execute();
    expect(events.map((e) => [e.id, e.type, e.delivery_id, e.payload])).toEqual([
      [1, 'issues.opened', 1, null],
      [2, 'issue_comment.created', 1, null],
    ]);
    const { n } = await store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n).toBe(2);
    const workspace = await store.db.selectFrom('workspaces').selectAll().executeTakeFirstOrThrow();
    expect(workspace).toEqual({ id: 'ws_usr_1', name: 'Personal', personal: 1, created_at: now });
  });

  it('enforces the schema’s constraints: a unique email, one connection per account, cascading deletes', async () => {
    store = await openTestStore(engine);
    await addUser(store, 'usr_1', 'same@example.com');
    await expect(store.db.insertInto('users').values({ id: 'usr_2', email: 'same@example.com', password_hash: 'x', created_at: now }).execute()).rejects.toThrow(/unique/i);
    const connection = (id: string) => ({
      id, workspace_id: 'ws_usr_1', created_by: 'usr_1', provider: 'github', name: id, auth_mode: 'oauth2' as const, account_id: '583231',
      account_label: 'octocat', scopes: '[]', status: 'active' as const, status_reason: null, access_token: 'sealed', refresh_token: null,
      expires_at: null, created_at: now, updated_at: now, last_used_at: null,
    });
    await store.db.insertInto('connections').values(connection('con_1')).execute();
    await expect(store.db.insertInto('connections').values(connection('con_2')).execute()).rejects.toThrow(/unique/i);
    // connections.created_by has no cascade: the user stays while a connection names them.
    await expect(store.db.deleteFrom('users').where('id', '=', 'usr_1').execute()).rejects.toThrow(/foreign key/i);
    expect(await store.db.selectFrom('users').select('id').execute()).toEqual([{ id: 'usr_1' }]);
    await store.db.deleteFrom('workspaces').where('id', '=', 'ws_usr_1').execute();
    expect(await store.db.selectFrom('connections').select('id').execute()).toEqual([]);
    expect(await store.db.selectFrom('workspace_members').select('user_id').execute()).toEqual([]);
  });

  it('keeps sessions through lucia’s adapter for the engine: created, validated with the user, ended, and an expired one refused', async () => {
    store = await openTestStore(engine);
    await addUser(store, 'usr_1', 'ada@example.com');
    const lucia = createLucia(store.sessionAdapter);
    const { token, session } = await lucia.createSession('usr_1');
    const check = await lucia.validateSession(token);
    expect(check.user).toMatchObject({ id: 'usr_1', email: 'ada@example.com' });
    expect(check.session?.id).toBe(session.id);
    // 30 days ahead, as stored (SQLite keeps whole seconds).
    expect(Math.abs(check.session!.expiresAt.getTime() - session.expiresAt.getTime())).toBeLessThan(1000);
    // The token is never at rest: the row is its hash.
    expect(await store.db.selectFrom('user_sessions').select('id').execute()).toEqual([{ id: session.id }]);
    expect(session.id).not.toBe(token);

    await lucia.invalidateSession(session.id);
    expect((await lucia.validateSession(token)).session).toBeNull();

    const stale = await lucia.createSession('usr_1');
    const past = engine === 'postgres' ? new Date(Date.now() - 1000) : Math.floor(Date.now() / 1000) - 1;
    await store.db.updateTable('user_sessions').set({ expires_at: past as never }).where('id', '=', stale.session.id).execute();
    expect(await lucia.validateSession(stale.token)).toEqual({ session: null, user: null });
    expect(await store.db.selectFrom('user_sessions').select('id').execute()).toEqual([]);
  });
});

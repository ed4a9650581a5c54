import { Migrator, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { connectionUpdatePayloadSchema } from '../../../shared/protocol/activity';
import { forEachEngine, openBareTestDatabase } from '../testing/engines';
import type { Engine } from '../engine';
import { migrationProvider } from './index';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A database as release 006 left it, with the rows a double connect could have written. */
async function databaseAt006(engine: Engine) {
  const bare = await openBareTestDatabase(engine);
  close = bare.close;
  const db: Kysely<any> = bare.db;
  const migrator = new Migrator({ db, provider: migrationProvider(engine), allowUnorderedMigrations: true });
  const { error } = await migrator.migrateTo('006-rejected-delivery-limits');
  if (error) throw error;
  await db.insertInto('users').values({ id: 'usr_1', email: 'a@example.com', password_hash: 'x', created_at: '2026-01-01' }).execute();
  await db.insertInto('workspaces').values({ id: 'ws_1', name: 'Personal', personal: 1, created_at: '2026-01-01' }).execute();
  const connection = (id: string, provider: string, name: string, authMode: string, accountId: string, label: string, status: string, updatedAt: string) =>
    db
      .insertInto('connections')
      .values({ id, workspace_id: 'ws_1', created_by: 'usr_1', provider, name, auth_mode: authMode, account_id: accountId, account_label: label, status, access_token: 'sealed', created_at: '2026-01-01', updated_at: updatedAt })
      .execute();
  // Three copies of one GitHub account: the newest is expired, so the newest active one stays.
  await connection('con_old', 'github', 'Work', 'oauth2', '583231', 'octocat', 'active', '2026-01-01');
  await connection('con_dead', 'github', 'Work 2', 'oauth2', '583231', 'octocat', 'expired', '2026-03-01');
  await connection('con_kept', 'github', 'octocat', 'oauth2', '583231', 'octocat', 'active', '2026-02-01');
  // The same account by a pasted token, and another provider: different connections, untouched.
  await connection('con_pat', 'github', 'PAT', 'api_key', '583231', 'octocat', 'active', '2026-01-01');
  await connection('con_hub', 'hubspot', 'Portal 62515', 'oauth2', '62515', 'Portal 62515', 'active', '2026-01-01');
  // A Reconnect of a copy under way: its state and its held grant.
  await db
    .insertInto('oauth_states')
    .values({ state_hash: 'state_1', user_id: 'usr_1', workspace_id: 'ws_1', provider: 'github', connection_id: 'con_dead', expires_at: '2099-01-01', created_at: '2026-01-01' })
    .execute();
  await db
    .insertInto('oauth_grants')
    .values({ id_hash: 'grant_1', user_id: 'usr_1', workspace_id: 'ws_1', provider: 'github', connection_id: 'con_old', account_id: '583231', account_label: 'octocat', state: 'pending', expires_at: '2099-01-01', created_at: '2026-01-01' })
    .execute();
  return { db, migrator };
}

const count = async (db: Kysely<any>, table: string) => (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

forEachEngine('migration 007: one connection per account', (engine) => {
  it('keeps the newest active copy of an account, tells the workspace about each copy removed, and moves pending Reconnects to the one kept', async () => {
    const { db, migrator } = await databaseAt006(engine);
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();

    const ids = (await db.selectFrom('connections').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toEqual(['con_hub', 'con_kept', 'con_pat']);
    expect(await db.selectFrom('oauth_states').select('connection_id').execute()).toEqual([{ connection_id: 'con_kept' }]);
    expect(await db.selectFrom('oauth_grants').select('connection_id').execute()).toEqual([{ connection_id: 'con_kept' }]);

    const events = await db
      .selectFrom('events')
      .select(['workspace_id', 'connection_id', 'summary', 'payload'])
      .where('type', '=', 'connection.updated')
      .orderBy('connection_id')
      .execute();
    expect(events.map((e) => e.connection_id)).toEqual(['con_dead', 'con_old']);
    for (const event of events) {
      expect(event.workspace_id).toBe('ws_1');
      // Browsers read it as a deletion (the row leaves their list) …
      const payload = connectionUpdatePayloadSchema.parse(JSON.parse(String(event.payload)));
      expect(payload).toEqual({ deleted: true, id: event.connection_id, name: expect.any(String) });
    }
    // … and activity shows the title, which says which copy went and which stayed.
    expect(JSON.parse(String(events[0]!.summary)).title).toBe('GitHub (Work 2) removed: it was a second copy of the same account; “octocat” stays connected');
  });

  it('from then on the database refuses a second row for the same account', async () => {
    const { db, migrator } = await databaseAt006(engine);
    await migrator.migrateToLatest();
    const copy = db
      .insertInto('connections')
      .values({ id: 'con_new', workspace_id: 'ws_1', created_by: 'usr_1', provider: 'github', name: 'again', auth_mode: 'oauth2', account_id: '583231', status: 'active', access_token: 'sealed', created_at: '2026-04-01', updated_at: '2026-04-01' })
      .execute();
    await expect(copy).rejects.toThrow(/unique constraint/i);
  });

  it('a database without copies migrates without an event', async () => {
    const { db, migrator } = await databaseAt006(engine);
    await db.deleteFrom('connections').where('id', 'in', ['con_old', 'con_dead']).execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await count(db, 'events')).toBe(0);
    expect(await count(db, 'connections')).toBe(3);
  });
});

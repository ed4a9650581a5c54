import { Migrator, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../engine';
import { forEachEngine, openBareTestDatabase } from '../testing/engines';
import { migrationProvider } from './index';

// The flows' later columns (migrations 019 and 021): each fills itself in from the rows
// already there.

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A database migrated up to `name`, with a user and their workspace; `migrator` goes on from there. */
async function databaseAt(engine: Engine, name: string) {
  const bare = await openBareTestDatabase(engine);
  close = bare.close;
  const db: Kysely<any> = bare.db;
  const migrator = new Migrator({ db, provider: migrationProvider(engine), allowUnorderedMigrations: true });
  expect((await migrator.migrateTo(name)).error).toBeUndefined();
  await db.insertInto('users').values({ id: 'usr_1', email: 'a@example.com', password_hash: 'x', created_at: '2026-01-01' }).execute();
  await db.insertInto('workspaces').values({ id: 'ws_1', name: 'Personal', personal: 1, created_at: '2026-01-01' }).execute();
  return { db, migrator };
}

const integration = (fields: { name: string; description: string; category: string; labels: string }) => ({
  id: 'int_1', workspace_id: 'ws_1', created_by: 'usr_1', ...fields, draft: '{}', forked_from: null, created_at: '2026-01-01', updated_at: '2026-01-01',
});

forEachEngine('migration 019 (the failure alert\'s connection)', (engine) => {
  it('copies the connection of every failure alert already set into alert_connection_id, and leaves the rest null', async () => {
    const { db, migrator } = await databaseAt(engine, '018-flow-run-chain-depth');
    await db.insertInto('integrations').values(integration({ name: 'I', description: '', category: '', labels: '[]' })).execute();
    const instance = (id: string, failureAlert: string | null) =>
      db.insertInto('flow_instances').values({
        id, workspace_id: 'ws_1', integration_id: 'int_1', version: 1, name: id, config: '{}', status: 'active', status_reason: null, webhook_token: `tok_${id}`,
        signing_secret: 'sealed', failure_alert: failureAlert, created_by: 'usr_1', created_at: '2026-01-01', updated_at: '2026-01-01',
      }).execute();
    await instance('fin_alert', JSON.stringify({ connection: 'con_slack', channel: 'C0WEFTENG01' }));
    await instance('fin_none', null);
    await instance('fin_garbled', 'not json');

    expect((await migrator.migrateTo('019-flow-instance-alert-connection')).error).toBeUndefined();
    const rows = await db.selectFrom('flow_instances').select(['id', 'alert_connection_id']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'fin_alert', alert_connection_id: 'con_slack' },
      { id: 'fin_garbled', alert_connection_id: null },
      { id: 'fin_none', alert_connection_id: null },
    ]);
    // And back down, for a release that goes back.
    expect((await migrator.migrateTo('018-flow-run-chain-depth')).error).toBeUndefined();
  });
});

forEachEngine('migration 021 (search text folded by Weft)', (engine) => {
  it('fills in the search text and category key of the integrations already there', async () => {
    const { db, migrator } = await databaseAt(engine, '020-integration-draft-yaml');
    await db.insertInto('integrations').values(integration({ name: 'Équipe Ops', description: 'Tickets', category: 'Opérations', labels: '["données"]' })).execute();

    expect((await migrator.migrateTo('021-integration-search-text')).error).toBeUndefined();
    expect(await db.selectFrom('integrations').select(['search_text', 'category_key']).executeTakeFirst()).toEqual({
      search_text: 'équipe ops\ntickets\nopérations\ndonnées',
      category_key: 'opérations',
    });
    expect((await migrator.migrateTo('020-integration-draft-yaml')).error).toBeUndefined();
  });
});

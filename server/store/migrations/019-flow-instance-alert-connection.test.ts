import { Migrator, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { forEachEngine, openBareTestDatabase } from '../testing/engines';
import { migrationProvider } from './index';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

forEachEngine('migration 019 (the failure alert\'s connection)', (engine) => {
  it('copies the connection of every failure alert already set into alert_connection_id, and leaves the rest null', async () => {
    const bare = await openBareTestDatabase(engine);
    close = bare.close;
    const db: Kysely<any> = bare.db;
    const migrator = new Migrator({ db, provider: migrationProvider(engine), allowUnorderedMigrations: true });
    expect((await migrator.migrateTo('018-flow-run-chain-depth')).error).toBeUndefined();
    await db.insertInto('users').values({ id: 'usr_1', email: 'a@example.com', password_hash: 'x', created_at: '2026-01-01' }).execute();
    await db.insertInto('workspaces').values({ id: 'ws_1', name: 'Personal', personal: 1, created_at: '2026-01-01' }).execute();
    await db.insertInto('integrations').values({
      id: 'int_1', workspace_id: 'ws_1', created_by: 'usr_1', name: 'I', description: '', category: '', labels: '[]', draft: '{}', forked_from: null, created_at: '2026-01-01', updated_at: '2026-01-01',
    }).execute();
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

import { Migrator, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { forEachEngine, openBareTestDatabase } from '../testing/engines';
import { migrationProvider } from './index';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

forEachEngine('migration 021 (search text folded by Weft)', (engine) => {
  it('fills in the search text and category key of the integrations already there', async () => {
    const bare = await openBareTestDatabase(engine);
    close = bare.close;
    const db: Kysely<any> = bare.db;
    const migrator = new Migrator({ db, provider: migrationProvider(engine), allowUnorderedMigrations: true });
    expect((await migrator.migrateTo('020-integration-draft-yaml')).error).toBeUndefined();
    await db.insertInto('users').values({ id: 'usr_1', email: 'a@example.com', password_hash: 'x', created_at: '2026-01-01' }).execute();
    await db.insertInto('workspaces').values({ id: 'ws_1', name: 'Personal', personal: 1, created_at: '2026-01-01' }).execute();
    await db.insertInto('integrations').values({
      id: 'int_1', workspace_id: 'ws_1', created_by: 'usr_1', name: 'Équipe Ops', description: 'Tickets', category: 'Opérations', labels: '["données"]',
      draft: '{}', forked_from: null, created_at: '2026-01-01', updated_at: '2026-01-01',
    }).execute();

    expect((await migrator.migrateTo('021-integration-search-text')).error).toBeUndefined();
    expect(await db.selectFrom('integrations').select(['search_text', 'category_key']).executeTakeFirst()).toEqual({
      search_text: 'équipe ops\ntickets\nopérations\ndonnées',
      category_key: 'opérations',
    });
    expect((await migrator.migrateTo('020-integration-draft-yaml')).error).toBeUndefined();
  });
});

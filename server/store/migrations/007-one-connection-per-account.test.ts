import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connectionUpdatePayloadSchema } from '../../../shared/protocol/activity';
import { nodeSqliteDialect } from '../node-sqlite-dialect';
import { migrationProvider } from './index';

/** A database as release 006 left it, with the rows a double connect could have written. */
async function databaseAt006() {
  const sqlite = new DatabaseSync(':memory:');
  const db = new Kysely<unknown>({ dialect: nodeSqliteDialect(sqlite) });
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateTo('006-rejected-delivery-limits');
  if (error) throw error;
  sqlite.exec(`
    INSERT INTO users (id, email, password_hash, created_at) VALUES ('usr_1', 'a@example.com', 'x', '2026-01-01');
    INSERT INTO workspaces (id, name, personal, created_at) VALUES ('ws_1', 'Personal', 1, '2026-01-01');
  `);
  const connection = sqlite.prepare(`
    INSERT INTO connections (id, workspace_id, created_by, provider, name, auth_mode, account_id, account_label, status,
                             access_token, created_at, updated_at)
    VALUES (?, 'ws_1', 'usr_1', ?, ?, ?, ?, ?, ?, 'sealed', '2026-01-01', ?)`);
  // Three copies of one GitHub account: the newest is expired, so the newest active one stays.
  connection.run('con_old', 'github', 'Work', 'oauth2', '583231', 'octocat', 'active', '2026-01-01');
  connection.run('con_dead', 'github', 'Work 2', 'oauth2', '583231', 'octocat', 'expired', '2026-03-01');
  connection.run('con_kept', 'github', 'octocat', 'oauth2', '583231', 'octocat', 'active', '2026-02-01');
  // The same account by a pasted token, and another provider: different connections, untouched.
  connection.run('con_pat', 'github', 'PAT', 'api_key', '583231', 'octocat', 'active', '2026-01-01');
  connection.run('con_hub', 'hubspot', 'Portal 62515', 'oauth2', '62515', 'Portal 62515', 'active', '2026-01-01');
  // A Reconnect of a copy under way: its state and its held grant.
  sqlite.exec(`
    INSERT INTO oauth_states (state_hash, user_id, workspace_id, provider, connection_id, expires_at, created_at)
    VALUES ('state_1', 'usr_1', 'ws_1', 'github', 'con_dead', '2099-01-01', '2026-01-01');
    INSERT INTO oauth_grants (id_hash, user_id, workspace_id, provider, connection_id, account_id, account_label, state, expires_at, created_at)
    VALUES ('grant_1', 'usr_1', 'ws_1', 'github', 'con_old', '583231', 'octocat', 'pending', '2099-01-01', '2026-01-01');
  `);
  return { sqlite, db, migrator };
}

describe('migration 007: one connection per account', () => {
  it('keeps the newest active copy of an account, tells the workspace about each copy removed, and moves pending Reconnects to the one kept', async () => {
    const { sqlite, migrator } = await databaseAt006();
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();

    const ids = sqlite.prepare('SELECT id FROM connections ORDER BY id').all().map((r) => r.id);
    expect(ids).toEqual(['con_hub', 'con_kept', 'con_pat']);
    expect(sqlite.prepare('SELECT connection_id FROM oauth_states').get()).toEqual({ connection_id: 'con_kept' });
    expect(sqlite.prepare('SELECT connection_id FROM oauth_grants').get()).toEqual({ connection_id: 'con_kept' });

    const events = sqlite.prepare("SELECT workspace_id, connection_id, summary, payload FROM events WHERE type = 'connection.updated' ORDER BY connection_id").all();
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
    const { sqlite, migrator } = await databaseAt006();
    await migrator.migrateToLatest();
    const copy = () =>
      sqlite.exec(`INSERT INTO connections (id, workspace_id, created_by, provider, name, auth_mode, account_id, status, access_token, created_at, updated_at)
                   VALUES ('con_new', 'ws_1', 'usr_1', 'github', 'again', 'oauth2', '583231', 'active', 'sealed', '2026-04-01', '2026-04-01')`);
    expect(copy).toThrow(/UNIQUE constraint failed/);
  });

  it('a database without copies migrates without an event', async () => {
    const { sqlite, migrator } = await databaseAt006();
    sqlite.exec("DELETE FROM connections WHERE id IN ('con_old', 'con_dead')");
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM connections').get()).toEqual({ n: 3 });
  });
});

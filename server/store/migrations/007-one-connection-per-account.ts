import { sql, type Kysely } from 'kysely';
import { findProvider } from '../../../shared/providers';
import type { Engine } from '../engine';

interface Duplicate {
  id: string;
  workspace_id: string;
  provider: string;
  name: string;
  kept_id: string;
  kept_name: string;
}

/**
 * One provider account is one connection per workspace and auth mode: the unique index
 * below makes it a fact of the database. Until now connect looked for the account's row
 * and inserted when it found none, so two connects at the same moment (a double click,
 * two consents claimed together) could both insert.
 *
 * Copies made that way are merged first, keeping one row per account:
 * - the row kept is the active one with the newest credentials (status `active` first,
 *   then the latest `updated_at`): a working connection is never replaced by a dead one,
 *   and among working ones the latest token is the one the provider most surely honours;
 * - the whole row is kept, never a token copied into another row: each ciphertext is
 *   bound to its row id (vault AAD), and migrations have no vault key to re-seal with;
 * - a removed copy is not lost silently: a `connection.updated` deletion event goes to
 *   its workspace, so every browser drops it from the list and activity says which copy
 *   went and which stayed; a pending Reconnect of it (an OAuth state or held grant) now
 *   renews the kept row. Its token is not revoked (no network here, and the provider may
 *   hand the kept row's grant the same one); the provider's own app list still shows it.
 *
 * Rows without an account id (none are written today) are left alone: in a unique index
 * NULLs are distinct, so they never conflict.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const run = async () => {
    await mergeCopies(db);
    await db.schema
      .createIndex('connections_one_per_account')
      .ifNotExists()
      .on('connections')
      .columns(['workspace_id', 'provider', 'account_id', 'auth_mode'])
      .unique()
      .execute();
  };
  // Kysely runs PostgreSQL migrations in a transaction already (its DDL is transactional).
  if (engine === 'postgres') return run();
  // On SQLite it runs them outside one; this one deletes rows, so it takes its own: a
  // crash half-way leaves the database as it was, and the next start runs it again from
  // the beginning.
  await sql`BEGIN IMMEDIATE`.execute(db);
  try {
    await run();
    await sql`COMMIT`.execute(db);
  } catch (error) {
    await sql`ROLLBACK`.execute(db);
    throw error;
  }
}

async function mergeCopies(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<Duplicate>`
    WITH ranked AS (
      SELECT id, workspace_id, provider, name,
             FIRST_VALUE(id) OVER account AS kept_id,
             FIRST_VALUE(name) OVER account AS kept_name,
             ROW_NUMBER() OVER account AS rank
        FROM connections
       WHERE account_id IS NOT NULL
      WINDOW account AS (
        PARTITION BY workspace_id, provider, account_id, auth_mode
        ORDER BY status = 'active' DESC, updated_at DESC, created_at DESC, id DESC
      )
    )
    SELECT id, workspace_id, provider, name, kept_id, kept_name FROM ranked WHERE rank > 1`.execute(db);

  const now = new Date().toISOString();
  for (const copy of rows) {
    const providerName = findProvider(copy.provider)?.name ?? copy.provider;
    const title = `${providerName} (${copy.name}) removed: it was a second copy of the same account; “${copy.kept_name}” stays connected`;
    // The shape publishDeletion writes, without `change`: readers show the title instead.
    const summary = { title, url: null, actor: null, assignees: [], mentions: [], subject: `connection:${copy.id}` };
    const payload = { deleted: true, id: copy.id, name: copy.name };
    await sql`
      INSERT INTO events (workspace_id, type, provider, connection_id, delivery_id, summary, payload, created_at)
      VALUES (${copy.workspace_id}, 'connection.updated', ${copy.provider}, ${copy.id}, NULL,
              ${JSON.stringify(summary)}, ${JSON.stringify(payload)}, ${now})`.execute(db);
    await sql`UPDATE oauth_states SET connection_id = ${copy.kept_id} WHERE connection_id = ${copy.id}`.execute(db);
    await sql`UPDATE oauth_grants SET connection_id = ${copy.kept_id} WHERE connection_id = ${copy.id}`.execute(db);
    await sql`DELETE FROM connections WHERE id = ${copy.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('connections_one_per_account').execute();
}

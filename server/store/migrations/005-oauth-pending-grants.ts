import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A provider's consent, held for a few minutes until the extension of the Weft user who
  // started the flow claims it. The callback's browser may belong to someone else, so a
  // grant is never stored as a connection on the callback alone.
  await db.schema
    .createTable('oauth_grants')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text')
    .addColumn('name', 'text')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('account_label', 'text', (c) => c.notNull())
    .addColumn('tokens', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_grants_expires_at').on('oauth_grants').column('expires_at').execute();
}

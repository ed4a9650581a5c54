import { sql, type Kysely } from 'kysely';

/**
 * What webhook routing (store.routing, on every webhook) looks connections up by, so a
 * delivery reads an index instead of every connection: the provider with its account id
 * (installation, portal, team), and the provider with the account label in lower case
 * (GitHub logins match case-insensitively). Before this only the workspace was indexed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('connections_route_account_id').ifNotExists().on('connections').columns(['provider', 'account_id']).execute();
  await db.schema.createIndex('connections_route_account_label').ifNotExists().on('connections').expression(sql`provider, lower(account_label)`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('connections_route_account_label').execute();
  await db.schema.dropIndex('connections_route_account_id').execute();
}

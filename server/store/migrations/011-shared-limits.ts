import type { Kysely } from 'kysely';

/**
 * The limits every instance sharing the database must see alike (issue 9: N instances
 * together stay under each limit, not N times it):
 * - `limit_stamps`: one row per turn counted in a sliding window (sign-in throttles, the
 *   actions' provider budgets), with the time it stops counting (epoch ms). A window's
 *   count is its rows not yet expired; expired rows are deleted by a job
 *   (the `limits.prune` cron job, server/jobs/server-jobs.ts), which also caps the table.
 * - `refresh_leases`: which instance is refreshing a connection's token right now, and until
 *   when (epoch ms); the others wait for its result instead of refreshing again.
 * Epoch milliseconds are `bigint`: INTEGER affinity on SQLite, int8 on PostgreSQL, read
 * back as a number on both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('limit_stamps')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('expires_ms', 'bigint', (c) => c.notNull())
    .execute();
  // A window's live turns, newest first: `key = ? AND expires_ms > ? ORDER BY expires_ms DESC`.
  await db.schema.createIndex('limit_stamps_key_expires_ms').on('limit_stamps').columns(['key', 'expires_ms']).execute();
  // The prune job: expired rows, and the soonest to expire when over the cap.
  await db.schema.createIndex('limit_stamps_expires_ms').on('limit_stamps').column('expires_ms').execute();

  await db.schema
    .createTable('refresh_leases')
    .addColumn('connection_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_ms', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('refresh_leases').execute();
  await db.schema.dropTable('limit_stamps').execute();
}

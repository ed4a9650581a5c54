import { sql, type Kysely } from 'kysely';
import { columnTypes, type Engine } from '../engine';

/**
 * From here on `user_sessions.id` is the SHA-256 of the Bearer token, not the token.
 * Sessions from before were stored as their tokens, so any copy of the database taken
 * until now (a backup, a stray file) holds them: rather than hash and keep them, they are
 * ended. Each browser gets 401 "Your session has ended. Sign in again." once and signs in.
 *
 * The table is dropped and created again rather than emptied: a DELETE zeroes the rows
 * (with secure_delete) but leaves copies of some ids as dividers in the primary-key
 * index's interior pages; dropping frees every page, and secure_delete zeroes them.
 * `openStore` then checkpoints, so the WAL keeps no copy either. (On PostgreSQL, which
 * came later, the table never held a token: dropping it is all there is to do.)
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const sqlite = engine === 'sqlite';
  if (sqlite) await sql`PRAGMA secure_delete = ON`.execute(db);
  await db.schema.dropTable('user_sessions').execute();
  await db.schema
    .createTable('user_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', columnTypes(engine).sessionExpiry, (c) => c.notNull())
    .execute();
  if (sqlite) await sql`PRAGMA secure_delete = OFF`.execute(db);
}

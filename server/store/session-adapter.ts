import { NodePostgresAdapter } from '@lucia-auth/adapter-postgresql';
import { BetterSqlite3Adapter } from '@lucia-auth/adapter-sqlite';
import type { Adapter } from 'lucia';
import type { DatabaseSync } from 'node:sqlite';
import type pg from 'pg';

const tables = { user: 'users', session: 'user_sessions' };

/**
 * lucia's SQLite adapter is written for better-sqlite3 but only calls
 * `prepare().get/all/run(...args)`, which node:sqlite's DatabaseSync provides. It writes
 * `expires_at` as unix seconds (an integer column).
 */
export const sqliteSessionAdapter = (sqlite: DatabaseSync): Adapter => new BetterSqlite3Adapter(sqlite as never, tables);

/** lucia's PostgreSQL adapter on the store's pool; it writes `expires_at` as a timestamptz. */
export const postgresSessionAdapter = (pool: pg.Pool): Adapter => new NodePostgresAdapter(pool, tables);

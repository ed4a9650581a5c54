import { sql } from 'kysely';
import { LISTEN_APPLICATION_NAME } from '../postgres/signals';
import type { Store } from '../open';

/**
 * Ends every instance's LISTEN connection to this store's PostgreSQL database from the
 * server side (pg_terminate_backend), as a restart, a failover or an idle timeout would.
 * Returns how many it ended.
 */
export async function cutListenConnections(store: Store): Promise<number> {
  const { rows } = await sql<{ ended: boolean }>`
    SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
    WHERE application_name = ${LISTEN_APPLICATION_NAME} AND datname = current_database()`.execute(store.db);
  return rows.filter((r) => r.ended).length;
}

/** How many LISTEN connections are open to this store's database. */
export async function listenConnectionCount(store: Store): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT COUNT(*)::int AS n FROM pg_stat_activity
    WHERE application_name = ${LISTEN_APPLICATION_NAME} AND datname = current_database()`.execute(store.db);
  return rows[0]!.n;
}

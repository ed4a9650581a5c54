import type pg from 'pg';

/**
 * Runs `write` in one transaction on a connection of its own whose COMMIT does not wait
 * for the WAL to reach the disk (`SET LOCAL synchronous_commit = off`, for this transaction
 * only): PostgreSQL's counterpart of SQLite's `synchronous = NORMAL` for refused webhook
 * requests, which must not cost a stranger's forgery a disk sync. A crash may lose the
 * last fraction of a second of such commits, never one that waited; the database stays
 * consistent either way.
 */
export async function writeWithoutSync<T>(pool: pg.Pool, write: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL synchronous_commit = off');
      const result = await write(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}

import type pg from 'pg';
import { waitFor, type SlidingWindows, type Window } from '../sliding-windows';

/**
 * The first half of the advisory-lock key for sliding windows (the second is the lock
 * key's hashtext), so these locks cannot collide with another part's. A hash collision
 * between two lock keys only makes their takes wait for each other.
 */
const LOCK_CLASS = 0x57_4c_49_4d; // 'WLIM'

/**
 * Sliding windows on PostgreSQL, shared by every instance. A take runs in one transaction
 * under `pg_advisory_xact_lock` for its lock key: under READ COMMITTED two instances could
 * otherwise both count the same rows, both see one turn free and both take it. The lock
 * is taken in a statement of its own so the count that follows reads every turn committed
 * before the lock was granted; it is released at COMMIT.
 */
export class PostgresSlidingWindows implements SlidingWindows {
  constructor(private readonly pool: pg.Pool) {}

  async take(lock: string, windows: Window[], now: number): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, lock]);
        const maxthNewest: (number | undefined)[] = [];
        for (const w of windows) {
          const { rows } = await client.query<{ expires_ms: number }>(
            // A window's expired turns go as it is used, so a busy key never piles them up.
            `WITH expired AS (DELETE FROM limit_stamps WHERE key = $1 AND expires_ms <= $2)
             SELECT expires_ms FROM limit_stamps WHERE key = $1 AND expires_ms > $2 ORDER BY expires_ms DESC LIMIT 1 OFFSET $3`,
            [w.key, now, w.max - 1],
          );
          maxthNewest.push(rows[0] && Number(rows[0].expires_ms));
        }
        const wait = waitFor(maxthNewest, now);
        if (wait === 0) {
          await client.query('INSERT INTO limit_stamps (key, expires_ms) SELECT * FROM unnest($1::text[], $2::bigint[])', [
            windows.map((w) => w.key),
            windows.map((w) => now + w.windowMs),
          ]);
        }
        await client.query('COMMIT');
        return wait;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    } finally {
      client.release();
    }
  }

  async count(key: string, now: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM limit_stamps WHERE key = $1 AND expires_ms > $2', [key, now]);
    return Number(rows[0]!.n);
  }

  async clear(key: string): Promise<void> {
    await this.pool.query('DELETE FROM limit_stamps WHERE key = $1', [key]);
  }

  async prune(now: number, cap: number): Promise<number> {
    const expired = await this.pool.query('DELETE FROM limit_stamps WHERE expires_ms <= $1', [now]);
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM limit_stamps');
    const over = Number(rows[0]!.n) - cap;
    if (over <= 0) return expired.rowCount ?? 0;
    const oldest = await this.pool.query(
      'DELETE FROM limit_stamps WHERE ctid IN (SELECT ctid FROM limit_stamps ORDER BY expires_ms LIMIT $1)',
      [over],
    );
    return (expired.rowCount ?? 0) + (oldest.rowCount ?? 0);
  }
}

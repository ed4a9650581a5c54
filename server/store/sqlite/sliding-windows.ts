import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { waitFor, type SlidingWindows, type Window } from '../sliding-windows';
import { writeWithoutFsync } from './write-without-fsync';

/**
 * Sliding windows on SQLite. One process owns the database (the data folder is locked),
 * and a take reads and writes in one IMMEDIATE transaction, run synchronously: nothing
 * else in the process runs in between, and the event log's writer thread waits for the
 * lock. So a take is atomic by construction: `lock` needs nothing more here. Prepared
 * statements, no query builder: this runs on every sign-in and every action.
 */
export class SqliteSlidingWindows implements SlidingWindows {
  private readonly stmt: Record<'maxthNewest' | 'insert' | 'dropExpired' | 'count' | 'clear' | 'pruneExpired' | 'rows' | 'pruneOldest', StatementSync>;

  constructor(private readonly sqlite: DatabaseSync) {
    this.stmt = {
      maxthNewest: sqlite.prepare('SELECT expires_ms FROM limit_stamps WHERE key = ? AND expires_ms > ? ORDER BY expires_ms DESC LIMIT 1 OFFSET ?'),
      insert: sqlite.prepare('INSERT INTO limit_stamps (key, expires_ms) VALUES (?, ?)'),
      dropExpired: sqlite.prepare('DELETE FROM limit_stamps WHERE key = ? AND expires_ms <= ?'),
      count: sqlite.prepare('SELECT COUNT(*) AS n FROM limit_stamps WHERE key = ? AND expires_ms > ?'),
      clear: sqlite.prepare('DELETE FROM limit_stamps WHERE key = ?'),
      pruneExpired: sqlite.prepare('DELETE FROM limit_stamps WHERE expires_ms <= ?'),
      rows: sqlite.prepare('SELECT COUNT(*) AS n FROM limit_stamps'),
      pruneOldest: sqlite.prepare('DELETE FROM limit_stamps WHERE rowid IN (SELECT rowid FROM limit_stamps ORDER BY expires_ms LIMIT ?)'),
    };
  }

  async take(_lock: string, windows: Window[], now: number): Promise<number> {
    return writeWithoutFsync(this.sqlite, () => {
      const wait = waitFor(
        windows.map((w) => {
          // A window's expired turns go as it is used, so a busy key never piles them up.
          this.stmt.dropExpired.run(w.key, now);
          const row = this.stmt.maxthNewest.get(w.key, now, w.max - 1) as { expires_ms: number } | undefined;
          return row && Number(row.expires_ms);
        }),
        now,
      );
      if (wait === 0) for (const w of windows) this.stmt.insert.run(w.key, now + w.windowMs);
      return wait;
    });
  }

  async count(key: string, now: number): Promise<number> {
    return Number((this.stmt.count.get(key, now) as { n: number }).n);
  }

  async clear(key: string): Promise<void> {
    await writeWithoutFsync(this.sqlite, () => void this.stmt.clear.run(key));
  }

  async prune(now: number, cap: number): Promise<number> {
    return writeWithoutFsync(this.sqlite, () => {
      const expired = Number(this.stmt.pruneExpired.run(now).changes);
      const over = Number((this.stmt.rows.get() as { n: number }).n) - cap;
      return expired + (over > 0 ? Number(this.stmt.pruneOldest.run(over).changes) : 0);
    });
  }
}

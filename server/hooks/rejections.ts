import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { createAttemptLimiter, type AttemptLimiter } from '../accounts/attempt-limiter';
import type { Logger } from '../lib/log';

/** Rejected requests that get a delivery-log row, per endpoint and UTC hour; the rest are only counted. */
export const REJECTED_ROWS_PER_HOUR = 50;
/** Rejected requests one address may make per window before its rejections become 429s. */
export const REJECTIONS_PER_SOURCE = 60;
export const SOURCE_WINDOW_MS = 10 * 60_000;
/** Counted-only rejections wait in memory at most this long (reads flush them first). */
const FLUSH_MS = 5_000;

/** A webhook request intake refused, as its delivery-log row would show it. */
export interface RejectedRequest {
  provider: string;
  endpointId: string | null;
  eventType: string;
  reason: string;
  /** Owners that may see it: a custom endpoint's workspace; none for provider hooks. */
  workspaceIds: string[];
  bodyPreview: string;
}

export type RejectionOutcome = { kind: 'logged' | 'counted' } | { kind: 'throttled'; retryAfterS: number };

type Tally = { endpointKey: string; hour: string; request: RejectedRequest; dropped: number };

/**
 * Keeps refused webhook requests from filling the disk. Anyone can send a forged webhook,
 * and each one used to become an fsynced delivery row, without limit. Now:
 *
 * - per endpoint, at most REJECTED_ROWS_PER_HOUR rows an hour; past that a request is
 *   counted in `rejected_delivery_counts` (one row per endpoint-hour), which owners see as
 *   "N more rejected requests" beside their log;
 * - per source address, REJECTIONS_PER_SOURCE in SOURCE_WINDOW_MS; past that its refused
 *   requests are answered 429 and only counted. A validly signed request is never held
 *   back by this (the signature is checked first), so a provider sharing an address with
 *   a forger still gets through;
 * - rows are written without an fsync and never wait for the event log's group commit:
 *   a stranger's forgery must not cost a disk sync. Accepted webhooks are untouched:
 *   durable before their 2xx, as ever.
 */
export class RejectedDeliveries {
  private readonly perSource: AttemptLimiter;
  /** Rows written this hour per endpoint (a cache of `logged`, read from the table once per hour). */
  private loggedHour = '';
  private readonly logged = new Map<string, number>();
  private readonly pending = new Map<string, Tally>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly stmt: Record<'insertDelivery' | 'readLogged' | 'addLogged' | 'addDropped', StatementSync>;

  constructor(
    private readonly sqlite: DatabaseSync,
    private readonly now: () => number = () => Date.now(),
    private readonly log: Pick<Logger, 'error'> = { error: () => {} },
  ) {
    this.perSource = createAttemptLimiter(REJECTIONS_PER_SOURCE, SOURCE_WINDOW_MS, now);
    const upsert = (column: 'logged' | 'dropped') =>
      sqlite.prepare(
        `INSERT INTO rejected_delivery_counts (endpoint_key, hour, provider, endpoint_id, workspace_ids, ${column}) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (endpoint_key, hour) DO UPDATE SET ${column} = ${column} + excluded.${column}, workspace_ids = excluded.workspace_ids`,
      );
    this.stmt = {
      insertDelivery: sqlite.prepare(
        `INSERT INTO deliveries (provider, endpoint_id, delivery_key, event_type, status, reason, workspace_ids, received_at, body_preview, body, headers, event_count)
         VALUES (?, ?, NULL, ?, 'rejected', ?, ?, ?, ?, NULL, '{}', 0)`,
      ),
      readLogged: sqlite.prepare('SELECT logged FROM rejected_delivery_counts WHERE endpoint_key = ? AND hour = ?'),
      addLogged: upsert('logged'),
      addDropped: upsert('dropped'),
    };
  }

  /** Records a refused request from `source` (the client IP): as a row, as a count, or as a 429. */
  note(source: string, request: RejectedRequest): RejectionOutcome {
    const at = new Date(this.now()).toISOString();
    const hour = at.slice(0, 13);
    const endpointKey = request.endpointId ? `custom:${request.endpointId}` : request.provider;
    const retryAfterS = this.perSource.hit(source);
    if (retryAfterS > 0) {
      this.count(endpointKey, hour, request);
      return { kind: 'throttled', retryAfterS };
    }
    const logged = this.loggedThisHour(endpointKey, hour);
    if (logged >= REJECTED_ROWS_PER_HOUR) {
      this.count(endpointKey, hour, request);
      return { kind: 'counted' };
    }
    this.writeWithoutFsync(() => {
      this.stmt.insertDelivery.run(request.provider, request.endpointId, request.eventType, request.reason, JSON.stringify(request.workspaceIds), at, request.bodyPreview);
      this.stmt.addLogged.run(endpointKey, hour, request.provider, request.endpointId, JSON.stringify(request.workspaceIds), 1);
    });
    this.logged.set(endpointKey, logged + 1);
    return { kind: 'logged' };
  }

  /**
   * Refused requests that got no row, on endpoints these workspaces own, received since
   * `sinceMs` (whole hours). Counts still in memory are written first.
   */
  countedOnly(workspaceIds: string[], sinceMs: number, provider?: string): number {
    this.flush();
    const sinceHour = new Date(sinceMs).toISOString().slice(0, 13);
    const row = this.sqlite
      .prepare(
        `SELECT COALESCE(SUM(dropped), 0) AS n FROM rejected_delivery_counts
         WHERE hour >= ? AND (? IS NULL OR provider = ?)
           AND EXISTS (SELECT 1 FROM json_each(workspace_ids) w WHERE w.value IN (SELECT value FROM json_each(?)))`,
      )
      .get(sinceHour, provider ?? null, provider ?? null, JSON.stringify(workspaceIds)) as { n: number };
    return Number(row.n);
  }

  /** Writes the counts waiting in memory. Called on a timer, before reads, and at shutdown. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.size === 0) return;
    const tallies = [...this.pending.values()];
    this.pending.clear();
    this.writeWithoutFsync(() => {
      for (const t of tallies) {
        this.stmt.addDropped.run(t.endpointKey, t.hour, t.request.provider, t.request.endpointId, JSON.stringify(t.request.workspaceIds), t.dropped);
      }
    });
  }

  private count(endpointKey: string, hour: string, request: RejectedRequest): void {
    const key = `${endpointKey}|${hour}`;
    const tally = this.pending.get(key);
    if (tally) tally.dropped++;
    else this.pending.set(key, { endpointKey, hour, request, dropped: 1 });
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        try {
          this.flush();
        } catch (error) {
          // The store is closing, or the disk is full: a lost count, never a crash.
          this.log.error('Could not write the counts of refused webhook requests', { error: String(error) });
        }
      }, FLUSH_MS);
      this.flushTimer.unref();
    }
  }

  private loggedThisHour(endpointKey: string, hour: string): number {
    if (hour !== this.loggedHour) {
      this.loggedHour = hour;
      this.logged.clear();
    }
    let n = this.logged.get(endpointKey);
    if (n === undefined) {
      n = Number((this.stmt.readLogged.get(endpointKey, hour) as { logged: number } | undefined)?.logged ?? 0);
      this.logged.set(endpointKey, n);
    }
    return n;
  }

  /**
   * One transaction with `synchronous = NORMAL`: in WAL mode its commit is not fsynced; it
   * reaches the disk with the next synced commit or checkpoint, and a power cut may lose
   * it (a log line about a refused request, nothing acknowledged). Safe on the shared
   * connection: node:sqlite is synchronous, so nothing else runs between the PRAGMAs, and
   * FULL is restored even when the write throws.
   */
  private writeWithoutFsync(write: () => void): void {
    this.sqlite.exec('PRAGMA synchronous = NORMAL');
    try {
      this.sqlite.exec('BEGIN IMMEDIATE');
      try {
        write();
        this.sqlite.exec('COMMIT');
      } catch (error) {
        this.sqlite.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.sqlite.exec('PRAGMA synchronous = FULL');
    }
  }
}

import { createAttemptLimiter, type AttemptLimiter } from '../accounts/attempt-limiter';
import type { Logger } from '../lib/log';
import type { RejectedRow, RejectionStore } from '../store/rejection-store';

/** Rejected requests that get a delivery-log row, per endpoint and UTC hour; the rest are only counted. */
export const REJECTED_ROWS_PER_HOUR = 50;
/** Rejected requests one address may make per window before its rejections become 429s. */
export const REJECTIONS_PER_SOURCE = 60;
export const SOURCE_WINDOW_MS = 10 * 60_000;
/** Counted-only rejections wait in memory at most this long (reads flush them first). */
const FLUSH_MS = 5_000;

/** A webhook request intake refused, as its delivery-log row would show it (the store stamps the time). */
export type RejectedRequest = Omit<RejectedRow, 'receivedAt'>;

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

  constructor(
    private readonly store: RejectionStore,
    private readonly now: () => number = () => Date.now(),
    private readonly log: Pick<Logger, 'error'> = { error: () => {} },
  ) {
    this.perSource = createAttemptLimiter(REJECTIONS_PER_SOURCE, SOURCE_WINDOW_MS, now);
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
    this.store.logRejected(endpointKey, hour, { ...request, receivedAt: at });
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
    return this.store.droppedSince(workspaceIds, sinceHour, provider);
  }

  /** Writes the counts waiting in memory. Called on a timer, before reads, and at shutdown. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.size === 0) return;
    const tallies = [...this.pending.values()];
    this.pending.clear();
    this.store.addDropped(tallies.map((t) => ({
      endpointKey: t.endpointKey, hour: t.hour, provider: t.request.provider, endpointId: t.request.endpointId,
      workspaceIds: t.request.workspaceIds, dropped: t.dropped,
    })));
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
      n = this.store.loggedCount(endpointKey, hour);
      this.logged.set(endpointKey, n);
    }
    return n;
  }
}

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
 * - per endpoint, at most REJECTED_ROWS_PER_HOUR rows an hour, however many instances
 *   share the database; past that a request is counted in `rejected_delivery_counts` (one
 *   row per endpoint-hour), which owners see as "N more rejected requests" beside their log;
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
  /** Endpoints whose rows for `fullHour` reached the cap: their refusals this hour are only counted, with no write. */
  private fullHour = '';
  private readonly full = new Set<string>();
  private readonly pending = new Map<string, Tally>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** The latest write of counts; each flush waits for the one before, so a read after a flush sees them all. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RejectionStore,
    private readonly now: () => number = () => Date.now(),
    private readonly log: Pick<Logger, 'error'> = { error: () => {} },
  ) {
    this.perSource = createAttemptLimiter(REJECTIONS_PER_SOURCE, SOURCE_WINDOW_MS, now);
  }

  /** Records a refused request from `source` (the client IP): as a row, as a count, or as a 429. */
  async note(source: string, request: RejectedRequest): Promise<RejectionOutcome> {
    const at = new Date(this.now()).toISOString();
    const hour = at.slice(0, 13);
    const endpointKey = request.endpointId ? `custom:${request.endpointId}` : request.provider;
    const retryAfterS = this.perSource.hit(source);
    if (retryAfterS > 0) {
      this.count(endpointKey, hour, request);
      return { kind: 'throttled', retryAfterS };
    }
    if (this.isFull(endpointKey, hour)) {
      this.count(endpointKey, hour, request);
      return { kind: 'counted' };
    }
    // The store checks the cap as it writes (the counter is shared by every instance and
    // survives restarts); once it says no, this hour's refusals stay off the disk.
    let logged: boolean;
    try {
      logged = await this.store.logRejected(endpointKey, hour, { ...request, receivedAt: at }, REJECTED_ROWS_PER_HOUR);
    } catch (error) {
      // The database is unreachable: the request is refused all the same, with its own
      // reason (a 401 tells the sender more than a 503), and counted in memory instead.
      this.log.error('Could not log a refused webhook request', { error: String(error) });
      this.count(endpointKey, hour, request);
      return { kind: 'counted' };
    }
    if (logged) return { kind: 'logged' };
    this.markFull(endpointKey, hour);
    this.count(endpointKey, hour, request);
    return { kind: 'counted' };
  }

  /**
   * Refused requests that got no row, on endpoints these workspaces own, received since
   * `sinceMs` (whole hours). Counts still in memory are written first.
   */
  async countedOnly(workspaceIds: string[], sinceMs: number, provider?: string): Promise<number> {
    await this.flush();
    const sinceHour = new Date(sinceMs).toISOString().slice(0, 13);
    return this.store.droppedSince(workspaceIds, sinceHour, provider);
  }

  /** Writes the counts waiting in memory (and waits for earlier writes). Called on a timer, before reads, and at shutdown. */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const tallies = [...this.pending.values()];
    this.pending.clear();
    const before = this.writing;
    const write = (async () => {
      // An earlier write that failed was reported to whoever awaited it.
      await before.catch(() => {});
      if (tallies.length === 0) return;
      await this.store.addDropped(tallies.map((t) => ({
        endpointKey: t.endpointKey, hour: t.hour, provider: t.request.provider, endpointId: t.request.endpointId,
        workspaceIds: t.request.workspaceIds, dropped: t.dropped,
      })));
    })();
    this.writing = write;
    await write;
  }

  private count(endpointKey: string, hour: string, request: RejectedRequest): void {
    const key = `${endpointKey}|${hour}`;
    const tally = this.pending.get(key);
    if (tally) tally.dropped++;
    else this.pending.set(key, { endpointKey, hour, request, dropped: 1 });
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flush().catch((error: unknown) => {
          // The store is closing, or the disk is full: a lost count, never a crash.
          this.log.error('Could not write the counts of refused webhook requests', { error: String(error) });
        });
      }, FLUSH_MS);
      this.flushTimer.unref();
    }
  }

  private isFull(endpointKey: string, hour: string): boolean {
    return hour === this.fullHour && this.full.has(endpointKey);
  }

  private markFull(endpointKey: string, hour: string): void {
    // Only the current hour is remembered: the next one starts with a fresh cap.
    if (hour > this.fullHour) {
      this.fullHour = hour;
      this.full.clear();
    }
    if (hour === this.fullHour) this.full.add(endpointKey);
  }
}

import type { WeftEvent } from '../../shared/protocol/events';
import type { Logger } from '../lib/log';
import type { StoreSignals } from '../store/signals';
import type { EventLog } from './event-log';
import { PushFrame } from './push-frame';

/** One push connection (WebSocket or SSE) of one signed-in user. */
export interface PushClient {
  workspaceIds: ReadonlySet<string>;
  /** Receives an event, encoded once for every client (push-frame.ts). */
  send(frame: PushFrame): void;
}

/** Events read per query while following the log. */
const PAGE = 500;

/**
 * Fans committed events out to this instance's push connections, whichever instance
 * committed them: any instance serves any browser, no sticky sessions.
 *
 * The hub follows the whole log by cursor (`afterAll`): on every wake-up it reads what
 * came after the last event it published, page by page, and publishes it in id order.
 * Wake-ups are hints, so a lost or doubled one costs nothing but a read:
 * - this instance's own commits (the event log's listeners), on both engines. Where this
 *   process is the log's only writer (SQLite), its commits, published by the event log in
 *   commit order, are exactly what the read would return: once the hub has caught up, it
 *   publishes them as they are instead of reading back what it just wrote (which would
 *   parse every 11 KB payload again on the intake's event loop);
 * - the other instances' commits, heard through the store's signals (on PostgreSQL a
 *   NOTIFY on `weft_events` from the appending transaction, delivered on commit), and a
 *   reconnect of the listening connection (what was notified meanwhile went unheard);
 * - a slow poll as a backstop where signals can be missed (`signals.backstopPollMs`).
 *
 * Each event is encoded once (one PushFrame), however many clients receive it.
 */
export class PushHub {
  private readonly byWorkspace = new Map<string, Set<PushClient>>();
  private cursor = 0;
  private draining: Promise<void> | null = null;
  private wokenWhileDraining = false;
  private failing = false;
  /** The last read found the end of the log, and nothing has been missed since. */
  private caughtUp = false;
  private stops: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly log: Pick<EventLog, 'afterAll' | 'latestId' | 'subscribe'>,
    private readonly signals: Pick<StoreSignals, 'listen' | 'backstopPollMs' | 'oneProcess'>,
    private readonly logger: Pick<Logger, 'error' | 'info'> = { error: () => {}, info: () => {} },
  ) {}

  /**
   * Starts following the log from its current end: a client that attaches later replays
   * what came before from the log itself (subscription.ts). Call once, before serving.
   */
  async start(): Promise<void> {
    this.cursor = await this.log.latestId();
    const wake = () => this.wake();
    this.stops.push(this.log.subscribe((events) => this.committedHere(events)), this.signals.listen({ eventsCommitted: wake }));
    if (this.signals.backstopPollMs !== null) {
      const poll = setInterval(wake, this.signals.backstopPollMs);
      poll.unref();
      this.stops.push(() => clearInterval(poll));
    }
    // Whatever was committed between reading the end and listening.
    this.wake();
  }

  /**
   * Stops following the log. A read under way is not waited for (it may be queued for a
   * connection of a pool that is closing, which pg answers only at its connect timeout):
   * it publishes nothing once it returns, and its failure is not worth a line.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Starts delivering live events to `client`; returns the function that stops it. */
  attach(client: PushClient): () => void {
    for (const id of client.workspaceIds) {
      let set = this.byWorkspace.get(id);
      if (!set) this.byWorkspace.set(id, (set = new Set()));
      set.add(client);
    }
    return () => {
      for (const id of client.workspaceIds) {
        const set = this.byWorkspace.get(id);
        set?.delete(client);
        if (set?.size === 0) this.byWorkspace.delete(id);
      }
    };
  }

  get clientCount(): number {
    const all = new Set<PushClient>();
    for (const set of this.byWorkspace.values()) for (const c of set) all.add(c);
    return all.size;
  }

  /** The id of the last event this hub published (or found at the log's end when it started). */
  get position(): number {
    return this.cursor;
  }

  /** Reads on from the cursor; a wake-up during a read makes one more read after it, never two at once. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wokenWhileDraining = true;
      return;
    }
    this.draining = this.drain().finally(() => (this.draining = null));
  }

  /** This process committed `events` (in commit order). */
  private committedHere(events: WeftEvent[]): void {
    if (!this.signals.oneProcess || !this.caughtUp || this.draining) return this.wake();
    for (const event of events) {
      if (event.id <= this.cursor) continue;
      this.cursor = event.id;
      this.publish(new PushFrame(event));
    }
  }

  private async drain(): Promise<void> {
    do {
      this.wokenWhileDraining = false;
      for (;;) {
        let page;
        try {
          page = await this.log.afterAll(this.cursor, PAGE);
        } catch (error) {
          if (this.stopped) return;
          // The database is unreachable: nothing is lost, the cursor stays, and the next
          // wake-up (a commit, a reconnect, the poll) reads from it. One line per outage.
          if (!this.failing) this.logger.error('The push hub cannot read the event log; it reads on at the next wake-up', { error: String(error) });
          this.failing = true;
          this.caughtUp = false;
          return;
        }
        if (this.stopped) return;
        if (this.failing) this.logger.info('The push hub reads the event log again', { cursor: this.cursor });
        this.failing = false;
        for (const event of page) {
          this.cursor = event.id;
          this.publish(new PushFrame(event));
        }
        if (page.length < PAGE) break;
      }
    } while (this.wokenWhileDraining);
    this.caughtUp = true;
  }

  private publish(frame: PushFrame): void {
    const clients = this.byWorkspace.get(frame.event.workspaceId);
    if (!clients) return;
    for (const client of clients) {
      // One client's failure (a socket in a bad state, a bug in its transport) must not
      // keep the event from the others, nor stop the hub.
      try {
        client.send(frame);
      } catch (error) {
        this.logger.error('A push client failed to take an event', { eventId: frame.event.id, error: error instanceof Error ? error.stack : String(error) });
      }
    }
  }
}

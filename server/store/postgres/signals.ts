import pg from 'pg';
import type { Logger } from '../../lib/log';
import type { SignalListener, StoreSignals } from '../signals';

/** `appendGroup` sends `pg_notify(EVENTS_CHANNEL, '<highest id>')` inside its transaction: heard on commit. */
export const EVENTS_CHANNEL = 'weft_events';
/** Sign-out sends the ended session's id (the token's hash, never the token) here. */
export const SESSIONS_CHANNEL = 'weft_session_ends';
/** The LISTEN connection's `application_name`, so an operator (or a test) can find it in pg_stat_activity. */
export const LISTEN_APPLICATION_NAME = 'weft-listen';

/** A follower of the log reads on this often without a signal: a LISTEN connection can die without a word. */
export const BACKSTOP_POLL_MS = 5_000;
/** Reconnects wait this long at first, doubling up to the cap. */
const RECONNECT_FIRST_MS = 250;
const RECONNECT_CAP_MS = 5_000;

/**
 * Signals between instances on PostgreSQL: one dedicated connection per instance that
 * LISTENs on both channels, opened when the first listener arrives (a store opened only
 * to migrate, or by a test, opens none). NOTIFY is delivered on commit, to every
 * listening connection, this instance's own included.
 *
 * When the connection is lost (the server restarted, a failover, an idle timeout, a
 * pg_terminate_backend), it reconnects with backoff, and after each reconnect tells its
 * listeners `reconnected` and `eventsCommitted`: what was notified meanwhile went
 * unheard, so they read everything again. TCP keep-alive makes a dead peer show up as an
 * error instead of a silence; the backstop poll covers whatever is left.
 */
export class PostgresSignals implements StoreSignals {
  readonly backstopPollMs = BACKSTOP_POLL_MS;
  readonly oneProcess = false;
  private readonly listeners = new Set<SignalListener>();
  private client: pg.Client | null = null;
  private started = false;
  private closed = false;
  private failures = 0;
  private lostAt: number | null = null;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log?: Pick<Logger, 'info' | 'warn'>,
  ) {}

  listen(listener: SignalListener): () => void {
    this.listeners.add(listener);
    if (!this.started && !this.closed) {
      this.started = true;
      void this.connect();
    }
    return () => this.listeners.delete(listener);
  }

  async announceSessionEnd(sessionId: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, sessionId]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Whether the LISTEN connection is up and listening. */
  get listening(): boolean {
    return this.connected;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    // The pool's own settings (URL, connect timeout), as a client of its own: a LISTEN
    // must stay on one connection, which a pooled one would not.
    const client = new pg.Client({ ...this.pool.options, application_name: LISTEN_APPLICATION_NAME, keepAlive: true });
    this.client = client;
    this.connected = false;
    client.on('notification', (message) => {
      if (this.client === client) this.heard(message.channel, message.payload ?? '');
    });
    // Without an 'error' listener pg's error would end the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${SESSIONS_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    this.connected = true;
    const wasLost = this.lostAt !== null;
    if (wasLost) this.log?.info('Listening to the other instances again', { downForMs: Date.now() - this.lostAt! });
    this.failures = 0;
    this.lostAt = null;
    for (const listener of [...this.listeners]) {
      if (wasLost) this.call(() => listener.reconnected?.());
      // Also on the first connect: anything committed before LISTEN took hold is read now.
      this.call(() => listener.eventsCommitted?.());
    }
  }

  private heard(channel: string, payload: string): void {
    for (const listener of [...this.listeners]) {
      if (channel === EVENTS_CHANNEL) this.call(() => listener.eventsCommitted?.());
      else if (channel === SESSIONS_CHANNEL && payload) this.call(() => listener.sessionEnded?.(payload));
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.connected = false;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    const delay = Math.min(RECONNECT_CAP_MS, RECONNECT_FIRST_MS * 2 ** this.failures);
    // One warning per outage, not one per failed attempt.
    if (this.lostAt === null) {
      this.lostAt = Date.now();
      this.log?.warn('Lost the PostgreSQL connection that hears the other instances; reconnecting', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    this.failures++;
    this.retry = setTimeout(() => void this.connect(), Math.round(delay / 2 + (Math.random() * delay) / 2));
    this.retry.unref();
  }

  /** A listener that throws must not keep the signal from the others, nor break the connection's handler. */
  private call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.log?.warn('A listener of the other instances failed', { error: error instanceof Error ? error.stack : String(error) });
    }
  }
}

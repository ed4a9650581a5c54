import type { ClientMessage, WeftEvent } from '@@/shared/protocol';
import type { PushState, PushStatus } from '../settings';
import { backoffDelay } from './backoff';

/** Timed reconnects after a close (about a minute in all) before the alarm takes over. */
export const TIMED_RETRIES = 6;
import { parseServerMessage } from './server-message';

/** What the client uses of a WebSocket, so tests can hand it a fake. */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};

/** Where to connect and as whom; null when signed out. */
export type PushTarget = { url: string; token: string; owner: string };

export type PushClientOptions = {
  createSocket: (url: string) => SocketLike;
  target: () => Promise<PushTarget | null>;
  /** The last event id applied for `owner` (0 for none): sent in hello. */
  cursor: (owner: string) => Promise<number>;
  /** Applies events exactly once; a failure drops the connection, and the resume brings them again. */
  receive: (events: WeftEvent[], owner: string) => Promise<void>;
  /**
   * The server's log ends below `owner`'s cursor (its database was restored or replaced):
   * forget the stream so far, so the cursor is 0 again.
   */
  startOver: (owner: string) => Promise<void>;
  status: (status: PushStatus) => void;
  /** The server refused the token: have it confirmed over HTTP, which ends a dead session. */
  unauthorized: () => Promise<void>;
  random?: () => number;
};

/**
 * Traffic at least this often keeps an MV3 service worker alive (Chrome 116+), and
 * finds a dead connection that never said goodbye.
 */
export const pingIntervalMs = 20_000;
/** The server pings every 20 s: this long without any frame means the connection is gone. */
export const silenceLimitMs = 65_000;

const CONNECTING = 0;
const OPEN = 1;

/**
 * The background's WebSocket to `/api/events/ws`: hello with the stored cursor, events
 * applied in order, a ping every 20 s, and on any close a reconnect with backoff. It does
 * not schedule anything that must outlive the worker: the alarm calls `ensure()`.
 *
 * @example
 * const push = createPushClient({ createSocket: (url) => new WebSocket(url), target, cursor, receive, status, unauthorized });
 * void push.start();
 */
export function createPushClient(options: PushClientOptions) {
  let wanted = false;
  let socket: SocketLike | null = null;
  /** Bumped by every teardown, so an `open` that was under way knows it is stale. */
  let generation = 0;
  let opening: Promise<void> | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastFrameAt = 0;
  let lastError: string | null = null;
  let refused = false;
  let state: PushState = 'offline';
  let pending: WeftEvent[] = [];
  let applying: Promise<void> = Promise.resolve();
  /** The cursor the current socket's hello sent. */
  let helloCursor = 0;

  function report(next: PushState, retryAt: number | null = null): void {
    state = next;
    options.status({ state: next, error: lastError, retryAt });
  }

  async function open(): Promise<void> {
    clearTimeout(retryTimer);
    const started = generation;
    const target = await options.target().catch(() => null);
    if (!wanted || started !== generation || socket) return;
    if (!target) {
      lastError = null;
      report('offline');
      return;
    }
    report('connecting');
    let ws: SocketLike;
    try {
      ws = options.createSocket(target.url);
    } catch {
      lastError = `The server address ${target.url} is not valid for live updates.`;
      retry();
      return;
    }
    socket = ws;
    refused = false;
    lastFrameAt = Date.now();
    ws.onopen = () => void hello(ws, target);
    ws.onmessage = (e) => frame(ws, target, e.data);
    // An error is always followed by a close, which has the code.
    ws.onerror = () => undefined;
    ws.onclose = (e) => closed(ws, closeReason(e));
    pingTimer = setInterval(() => keepAlive(ws), pingIntervalMs);
  }

  function connect(): Promise<void> {
    if (opening) return opening;
    const current: Promise<void> = open().finally(() => {
      if (opening === current) opening = null;
    });
    opening = current;
    return current;
  }

  async function hello(ws: SocketLike, target: PushTarget): Promise<void> {
    try {
      // Resume after what is still being applied, not before it.
      await applying;
      const cursor = await options.cursor(target.owner);
      if (ws !== socket) return;
      helloCursor = cursor;
      send(ws, { type: 'hello', token: target.token, cursor });
    } catch (err) {
      console.warn('[weft] push: could not read the cursor', err);
      lastError = 'Could not read the local event cursor; trying again.';
      if (ws === socket) drop(ws);
    }
  }

  function frame(ws: SocketLike, target: PushTarget, data: unknown): void {
    if (ws !== socket) return;
    lastFrameAt = Date.now();
    const message = parseServerMessage(data);
    if (!message) return console.warn('[weft] push: ignored a frame outside the contract');
    if (message.type === 'ready') {
      // The server would resume after our cursor and its next events, numbered below it, would be skipped.
      if (message.latestId < helloCursor) return void startOver(ws, target);
      attempt = 0;
      lastError = null;
      report('live');
    } else if (message.type === 'event') {
      enqueue(ws, target, message.event);
    } else if (message.type === 'error') {
      lastError = message.message;
      if (message.code === 'unauthorized') refused = true;
    }
  }

  /** Events that arrive while a batch is being applied wait and go in the next batch, in order. */
  function enqueue(ws: SocketLike, target: PushTarget, event: WeftEvent): void {
    pending.push(event);
    if (pending.length > 1) return;
    applying = applying.then(async () => {
      const batch = pending;
      pending = [];
      // Dropping is safe: the cursor did not move, the next hello asks for them again.
      if (ws !== socket || batch.length === 0) return;
      try {
        await options.receive(batch, target.owner);
      } catch (err) {
        console.warn('[weft] push: could not apply events', err);
        lastError = 'Could not store the latest events; trying again.';
        if (ws === socket) drop(ws);
      }
    });
  }

  /**
   * The server's log is behind our cursor: this socket's catch-up would skip events. Close
   * it, forget the stream (after what is being applied), and say hello again from 0 at once.
   */
  async function startOver(ws: SocketLike, target: PushTarget): Promise<void> {
    console.warn(`[weft] push: the server's latest event is below our cursor ${helloCursor}; starting over from 0`);
    socket = null;
    clearInterval(pingTimer);
    pending = [];
    ws.close(1000, 'starting over');
    try {
      await applying;
      await options.startOver(target.owner);
    } catch (err) {
      console.warn('[weft] push: could not reset the local event cursor', err);
      lastError = 'Could not reset the local event cursor; trying again.';
      if (wanted) retry();
      return;
    }
    if (wanted && !socket) void connect();
  }

  function keepAlive(ws: SocketLike): void {
    if (ws !== socket) return;
    if (Date.now() - lastFrameAt > silenceLimitMs) {
      lastError = 'The server stopped answering.';
      drop(ws);
    } else if (ws.readyState === OPEN) {
      send(ws, { type: 'ping' });
    }
  }

  /** Ends a connection from this side without waiting for a close that may never come. */
  function drop(ws: SocketLike): void {
    ws.close(4000, 'client gave up');
    closed(ws, null);
  }

  function closed(ws: SocketLike, reason: string | null): void {
    if (ws !== socket) return;
    socket = null;
    clearInterval(pingTimer);
    // A refusal keeps the server's own words, sent just before it closed.
    if (reason && !refused) lastError = reason;
    if (refused) void options.unauthorized().catch(() => undefined);
    if (wanted) retry();
  }

  function retry(): void {
    if (attempt >= TIMED_RETRIES) {
      // Past this, the 1-minute alarm does the retrying: a worker that keeps timers and
      // storage writes going for a dead server never idles out, and Chrome should be free
      // to stop it (the alarm wakes it again).
      report('offline');
      return;
    }
    const delay = backoffDelay(attempt++, options.random);
    report('connecting', Date.now() + delay);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(), delay);
  }

  function teardown(): void {
    generation++;
    opening = null;
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    pending = [];
    const ws = socket;
    socket = null;
    ws?.close(1000, 'bye');
  }

  /** Connects unless a socket is open or opening; also cuts a backoff wait short. */
  function ensure(): Promise<void> {
    if (!wanted) return Promise.resolve();
    if (socket && (socket.readyState === CONNECTING || socket.readyState === OPEN)) return Promise.resolve();
    if (socket) drop(socket);
    return connect();
  }

  return {
    /** Connect, and keep reconnecting until `stop()`. */
    start(): Promise<void> {
      wanted = true;
      return ensure();
    },
    ensure,
    /** The user asked: try now, and from the shortest wait again. */
    reconnectNow(): Promise<void> {
      attempt = 0;
      return ensure();
    },
    /** The session or the server changed: a new connection, whose hello says who we are now. */
    restart(): Promise<void> {
      teardown();
      attempt = 0;
      lastError = null;
      wanted = true;
      return ensure();
    },
    stop(): void {
      wanted = false;
      teardown();
      lastError = null;
      report('offline');
    },
    get live(): boolean {
      return state === 'live';
    },
  };
}


function send(ws: SocketLike, message: ClientMessage): void {
  if (ws.readyState === OPEN) ws.send(JSON.stringify(message));
}

/** Close codes in words; the server's reason is shown as text only. */
function closeReason(e: CloseEvent): string {
  if (e.code === 4401) return 'The server refused this session.';
  if (e.reason) return `The server closed the connection: ${e.reason.slice(0, 200)}`;
  if (e.code === 1000 || e.code === 1001) return 'The server closed the connection.';
  return 'Cannot reach the server for live updates.';
}

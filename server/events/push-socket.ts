import { clientMessageSchema, type ServerMessage } from '../../shared/protocol/push-messages';
import { memberWorkspaceIds } from '../accounts/users';
import type { AppDeps } from '../app-context';
import { parseBoundedJson } from '../lib/json-depth';
import { SESSION_ENDED, watchSession } from './session-watch';
import { MAX_BUFFERED_BYTES, startSubscription } from './subscription';

/** The `ws` library's WebSocket under hono's WSContext: what a push socket uses of it. */
interface RawSocket {
  bufferedAmount?: number;
  send?(data: Buffer, options: { binary: boolean }): void;
}

/** What a push socket needs of the WebSocket under it (hono's WSContext has it). */
export interface SocketLike {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  readonly raw?: unknown;
}


/**
 * The protocol of one `/api/events/ws` connection, apart from the WebSocket plumbing:
 *
 * - The first `hello {token, cursor}` authenticates, is answered with `ready` (which gives
 *   the log's latest id: a client whose cursor is above it starts over) and starts one
 *   subscription. It is
 *   marked as taken before the session check is awaited, so hellos sent back to back
 *   cannot each start one (they did: every event arrived 2–5 times, and all but the last
 *   subscription leaked). Any later hello is answered with an `invalid_request` error
 *   and otherwise ignored: the first one's subscription carries on. To resume from
 *   another cursor, open a new socket.
 * - A socket that closes while its hello is being checked never starts a subscription.
 * - When the session ends (sign-out at once, expiry at the next re-check) the server
 *   sends an `unauthorized` error and closes with 4401.
 * - `ping` is answered with `pong` at any time.
 */
export class PushSocket {
  private hello: 'waiting' | 'checking' | 'live' = 'waiting';
  private closed = false;
  private stop: (() => void) | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly ws: SocketLike,
  ) {}

  /** Handles one frame; resolves once it is handled. Never rejects. */
  async message(data: string): Promise<void> {
    try {
      await this.handle(data);
    } catch (error) {
      this.deps.log.error('A push socket failed', { error: error instanceof Error ? error.stack : String(error) });
      this.close(1011, 'server error; reconnect');
    }
  }

  /** The socket is gone: stop everything it started. */
  closedByPeer(): void {
    this.closed = true;
    this.stop?.();
    this.stop = null;
  }

  get saidHello(): boolean {
    return this.hello !== 'waiting';
  }

  private async handle(data: string): Promise<void> {
    const json = parseBoundedJson(data, 'This message');
    const parsed = json.ok ? clientMessageSchema.safeParse(json.value) : null;
    if (!parsed?.success) {
      return this.send({ type: 'error', code: 'invalid_request', message: 'Messages are JSON: {type:"hello", token, cursor} or {type:"ping"}.' });
    }
    const message = parsed.data;
    if (message.type === 'ping') return this.send({ type: 'pong' });
    if (this.hello !== 'waiting') {
      return this.send({ type: 'error', code: 'invalid_request', message: 'This socket has already said hello; it was ignored. To resume from another cursor, open a new socket.' });
    }
    this.hello = 'checking';
    const { session, user } = await this.deps.lucia.validateSession(message.token);
    if (this.closed) return;
    if (!session || !user) {
      this.send({ type: 'error', code: 'unauthorized', message: SESSION_ENDED });
      return this.close(4401, 'unauthorized');
    }
    const workspaces = await memberWorkspaceIds(this.deps.db, user.id);
    // Read before the catch-up starts: every id the client can hold from this log is at or below it.
    const latestId = await this.deps.events.latestId();
    if (this.closed) return;
    this.hello = 'live';
    this.send({ type: 'ready', user: { id: user.id, email: user.email }, cursor: message.cursor, latestId });
    const unwatch = watchSession(this.deps, { token: message.token, id: session.id }, () => {
      this.send({ type: 'error', code: 'unauthorized', message: SESSION_ENDED });
      this.close(4401, 'session ended: signed out or expired');
    });
    const unsubscribe = startSubscription(
      this.deps.events, this.deps.hub, workspaces, message.cursor,
      (frame) => {
        const raw = this.ws.raw as RawSocket | undefined;
        if ((raw?.bufferedAmount ?? 0) > MAX_BUFFERED_BYTES) return this.close(4008, 'too far behind; reconnect');
        // The frame's bytes are shared by every client: handed to the socket as they are,
        // as a text frame (hono's send would make a Buffer a binary frame).
        if (typeof raw?.send === 'function') raw.send(frame.bytes, { binary: false });
        else this.ws.send(frame.text);
      },
      (error) => {
        this.deps.log.error('A push catch-up failed', { error: error instanceof Error ? error.stack : String(error) });
        this.close(1011, 'server error; reconnect');
      },
    );
    this.stop = () => {
      unwatch();
      unsubscribe();
    };
  }

  private send(message: ServerMessage): void {
    if (!this.closed) this.ws.send(JSON.stringify(message));
  }

  /** Closes from this side; stops at once rather than waiting for the peer's close. */
  private close(code: number, reason: string): void {
    this.ws.close(code, reason);
    this.closedByPeer();
  }
}

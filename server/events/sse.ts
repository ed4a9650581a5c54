import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ServerMessage } from '../../shared/protocol/push-messages';
import { memberWorkspaceIds } from '../accounts/users';
import type { AppEnv } from '../app-context';
import { HttpError } from '../lib/http-error';
import { SESSION_ENDED, watchSession } from './session-watch';
import { HEARTBEAT_MS, MAX_BUFFERED_BYTES, startSubscription } from './subscription';

/**
 * `GET /api/events/stream`: Server-Sent Events from `Last-Event-ID` (or `?after=`), each
 * a `weft` event whose data is a WebSocket message: first `{type:'ready'}` (with the log's
 * latest id), then `{type:'event', event}` messages. The stream
 * ends when its session ends (after a `{type:'error', code:'unauthorized'}` message), and
 * when the client reads too slowly: writes wait for the socket, so a reader that stops
 * reading would otherwise make the server hold every later event in memory. Either way
 * the client resumes from its last id.
 */
export async function eventStream(c: Context<AppEnv>) {
  const { deps, user, sessionId } = c.var;
  const token = deps.lucia.readBearerToken(c.req.header('authorization') ?? '')!;
  const from = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? 0);
  if (!Number.isInteger(from) || from < 0) throw new HttpError(400, 'invalid_request', 'Last-Event-ID must be an event id.');
  const workspaces = await memberWorkspaceIds(deps.db, user.id);
  const latestId = await deps.events.latestId();
  return streamSSE(c, async (stream) => {
    let queue = Promise.resolve();
    let queuedBytes = 0;
    // writeSSE is async; chain writes so events keep their order. A failed write (the
    // client left) is logged and ends nothing else: the chain must never reject unhandled.
    const write = (bytes: number, step: () => Promise<void>) => {
      queuedBytes += bytes;
      queue = queue
        .then(step)
        .catch((error) => deps.log.warn('An SSE write failed', { error: String(error) }))
        .finally(() => (queuedBytes -= bytes));
    };
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    let behind = false;
    // First, without an id (Last-Event-ID stays the client's): the WebSocket's `ready`.
    const ready: ServerMessage = { type: 'ready', user: { id: user.id, email: user.email }, cursor: from, latestId };
    write(0, () => stream.writeSSE({ event: 'weft', data: JSON.stringify(ready) }));
    const stop = startSubscription(deps.events, deps.hub, workspaces, from,
      (frame) => {
        if (behind) return;
        if (queuedBytes > MAX_BUFFERED_BYTES) {
          // Runs during the catch-up too, before `stop` exists: end now, unsubscribe below.
          behind = true;
          deps.log.warn('An SSE client fell too far behind; its stream ends', { userId: user.id, queuedBytes });
          return end();
        }
        // The record's bytes are built once per event and shared by every SSE client.
        const record = frame.sse;
        write(record.length, () => stream.write(record).then(() => undefined));
      },
      (error) => {
        deps.log.error('An SSE catch-up failed', { error: error instanceof Error ? error.stack : String(error) });
        end();
      },
    );
    const unwatch = watchSession(deps, { token, id: sessionId }, () => {
      stop();
      // The same `{type:'error'}` message the WebSocket sends, as a `weft` event, then the end.
      const refusal: ServerMessage = { type: 'error', code: 'unauthorized', message: SESSION_ENDED };
      write(0, () => stream.writeSSE({ event: 'weft', data: JSON.stringify(refusal) }));
      write(0, async () => end());
    });
    const heartbeat = setInterval(() => write(0, () => stream.write(': heartbeat\n\n').then(() => undefined)), HEARTBEAT_MS);
    stream.onAbort(end);
    // The instance is stopping: end, and the client resumes elsewhere from its last id.
    const forget = deps.lifecycle.onStop(end);
    await ended;
    forget();
    clearInterval(heartbeat);
    unwatch();
    stop();
  });
}

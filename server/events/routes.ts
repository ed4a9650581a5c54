import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { EventsPage, ServerMessage } from '../../shared/protocol/events';
import { requireUser } from '../accounts/require-user';
import { memberWorkspaceIds } from '../accounts/users';
import type { AppEnv } from '../app-context';
import { HttpError } from '../lib/http-error';
import { SESSION_ENDED, watchSession } from './session-watch';
import { startSubscription } from './subscription';

export const HEARTBEAT_MS = 20_000;

const pageQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * `GET /api/events` (catch-up) and `GET /api/events/stream` (SSE). The WebSocket is in ws.ts.
 * An SSE stream ends, after an `error` event saying so, when its session ends.
 */
export const eventRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = pageQuery.safeParse(c.req.query());
    if (!q.success) throw new HttpError(400, 'invalid_request', 'after and limit must be non-negative integers (limit ≤ 500).');
    const workspaces = await memberWorkspaceIds(c.var.deps.db, c.var.user.id);
    const events = c.var.deps.events.after(workspaces, q.data.after, q.data.limit);
    const page: EventsPage = { events, cursor: events.at(-1)?.id ?? q.data.after };
    return c.json(page);
  })
  .get('/stream', async (c) => {
    const { deps, user, sessionId } = c.var;
    const token = deps.lucia.readBearerToken(c.req.header('authorization') ?? '')!;
    const from = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? 0);
    if (!Number.isInteger(from) || from < 0) throw new HttpError(400, 'invalid_request', 'Last-Event-ID must be an event id.');
    const workspaces = await memberWorkspaceIds(deps.db, user.id);
    return streamSSE(c, async (stream) => {
      let queue = Promise.resolve();
      // writeSSE is async; chain writes so events keep their order. A failed write (the
      // client left) is logged and ends nothing else: the chain must never reject unhandled.
      const write = (step: () => Promise<void>) => {
        queue = queue.then(step).catch((error) => deps.log.warn('An SSE write failed', { error: String(error) }));
      };
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      const stop = startSubscription(deps.events, deps.hub, workspaces, from,
        (event, message) => write(() => stream.writeSSE({ id: String(event.id), event: 'weft', data: message })),
        (error) => {
          deps.log.error('An SSE catch-up failed', { error: error instanceof Error ? error.stack : String(error) });
          end();
        },
      );
      const unwatch = watchSession(deps, { token, id: sessionId }, () => {
        stop();
        // The same `{type:'error'}` message the WebSocket sends, as a `weft` event, then the end.
        const refusal: ServerMessage = { type: 'error', code: 'unauthorized', message: SESSION_ENDED };
        write(() => stream.writeSSE({ event: 'weft', data: JSON.stringify(refusal) }));
        write(async () => end());
      });
      const heartbeat = setInterval(() => write(() => stream.write(': heartbeat\n\n').then(() => undefined)), HEARTBEAT_MS);
      stream.onAbort(end);
      await ended;
      clearInterval(heartbeat);
      unwatch();
      stop();
    });
  });

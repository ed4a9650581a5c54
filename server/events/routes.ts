import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { EventsPage } from '../../shared/protocol/events';
import { requireUser } from '../accounts/require-user';
import { memberWorkspaceIds } from '../accounts/users';
import type { AppEnv } from '../app-context';
import { HttpError } from '../lib/http-error';
import { startSubscription } from './subscription';

export const HEARTBEAT_MS = 20_000;

const pageQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `GET /api/events` (catch-up) and `GET /api/events/stream` (SSE). The WebSocket is in ws.ts. */
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
    const { deps, user } = c.var;
    const from = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? 0);
    if (!Number.isInteger(from) || from < 0) throw new HttpError(400, 'invalid_request', 'Last-Event-ID must be an event id.');
    const workspaces = await memberWorkspaceIds(deps.db, user.id);
    return streamSSE(c, async (stream) => {
      let queue = Promise.resolve();
      const stop = startSubscription(deps.events, deps.hub, workspaces, from, (event, message) => {
        // writeSSE is async; chain writes so events keep their order.
        queue = queue.then(() => stream.writeSSE({ id: String(event.id), event: 'weft', data: message }));
      });
      const heartbeat = setInterval(() => {
        queue = queue.then(async () => {
          await stream.write(': heartbeat\n\n');
        });
      }, HEARTBEAT_MS);
      await new Promise<void>((resolve) => stream.onAbort(resolve));
      clearInterval(heartbeat);
      stop();
    });
  });

import { Hono } from 'hono';
import { z } from 'zod';
import type { EventsPage } from '../../shared/protocol/events';
import { requireUser } from '../accounts/require-user';
import { memberWorkspaceIds } from '../accounts/users';
import type { AppEnv } from '../app-context';
import { HttpError } from '../lib/http-error';
import { eventStream } from './sse';

const pageQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `GET /api/events` (catch-up) and `GET /api/events/stream` (SSE, in sse.ts). The WebSocket is in ws.ts. */
export const eventRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const q = pageQuery.safeParse(c.req.query());
    if (!q.success) throw new HttpError(400, 'invalid_request', 'after and limit must be non-negative integers (limit ≤ 500).');
    const workspaces = await memberWorkspaceIds(c.var.deps.db, c.var.user.id);
    const events = await c.var.deps.events.after(workspaces, q.data.after, q.data.limit);
    const page: EventsPage = { events, cursor: events.at(-1)?.id ?? q.data.after };
    return c.json(page);
  })
  .get('/stream', eventStream);

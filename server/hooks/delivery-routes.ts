import { Hono } from 'hono';
import { z } from 'zod';
import { DELIVERIES_PAGE_DEFAULT, DELIVERIES_PAGE_MAX, deliveryStatuses, type DeliveriesResponse } from '../../shared/protocol/deliveries';
import { requireUser } from '../accounts/require-user';
import { memberWorkspaceIds } from '../accounts/users';
import type { AppDeps, AppEnv } from '../app-context';
import { HttpError, notFound } from '../lib/http-error';
import { findDelivery, listDeliveries, toDeliveryView } from './delivery-log';
import { REJECTED_ROWS_PER_HOUR } from './rejections';
import { replayDelivery } from './replay';
import type { WebhookRouter } from './routing';

const query = z.object({
  provider: z.string().max(40).optional(),
  status: z.enum(deliveryStatuses).optional(),
  /** A page's `next`: only deliveries older (a lower id) than this one. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(DELIVERIES_PAGE_MAX).default(DELIVERIES_PAGE_DEFAULT),
});

/** Refused requests that got no row of their own are summed over this window. */
const NOT_LOGGED_WINDOW_MS = 24 * 3_600_000;

const notLoggedMessage = (n: number) =>
  `${n.toLocaleString('en-US')} more rejected request${n === 1 ? ' was' : 's were'} dropped in the last 24 hours: only the first ${REJECTED_ROWS_PER_HOUR} an hour per endpoint are logged, and addresses refused too often are throttled.`;

/** `GET /api/deliveries` and `POST /api/deliveries/:id/replay`: the caller's delivery log. */
export function deliveryRoutes(deps: AppDeps, router: WebhookRouter) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', async (c) => {
      const q = query.safeParse(c.req.query());
      if (!q.success) {
        throw new HttpError(400, 'invalid_request', `Filters: provider, status (${deliveryStatuses.join(', ')}); paging: before (a page's next, a delivery id) and limit (1 to ${DELIVERIES_PAGE_MAX}).`);
      }
      const workspaces = await memberWorkspaceIds(deps.db, c.var.user.id);
      const page = await listDeliveries(deps.store, workspaces, q.data);
      const deliveries = page.rows.map(toDeliveryView);
      const notLogged = !q.data.status || q.data.status === 'rejected'
        ? await deps.rejections.countedOnly(workspaces, Date.now() - NOT_LOGGED_WINDOW_MS, q.data.provider)
        : 0;
      return c.json({ deliveries, next: page.next, rejectedNotLogged: notLogged > 0 ? { count: notLogged, message: notLoggedMessage(notLogged) } : null } satisfies DeliveriesResponse);
    })
    .post('/:id/replay', async (c) => {
      const id = Number(c.req.param('id'));
      const workspaces = await memberWorkspaceIds(deps.db, c.var.user.id);
      const row = Number.isInteger(id) ? await findDelivery(deps.store, workspaces, id) : undefined;
      if (!row) throw notFound('That delivery');
      if (row.body === null) throw new HttpError(400, 'invalid_request', 'Only accepted or duplicate deliveries can be replayed; this one was rejected.');
      const result = await replayDelivery(deps, router, row, new Set(workspaces));
      const replayed = await findDelivery(deps.store, workspaces, result.deliveryId);
      return c.json({ delivery: replayed ? toDeliveryView(replayed) : null, events: result.events.length });
    });
}

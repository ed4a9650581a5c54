import { Hono } from 'hono';
import { createWebhookEndpointSchema, type CreatedWebhookEndpoint } from '../../shared/protocol/webhook-endpoints';
import { requireUser } from '../accounts/require-user';
import { memberWorkspaceIds } from '../accounts/users';
import type { AppEnv } from '../app-context';
import { notFound } from '../lib/http-error';
import { parseJsonBody } from '../lib/parse-body';
import { createEndpoint, toEndpointView } from './endpoints';

/** `/api/webhooks`: the caller's custom webhook endpoints. The secret is returned once, at creation. */
export const endpointRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const { deps, user } = c.var;
    const workspaces = await memberWorkspaceIds(deps.db, user.id);
    const rows = workspaces.length
      ? await deps.db.selectFrom('webhook_endpoints').selectAll().where('workspace_id', 'in', workspaces).orderBy('created_at').orderBy('id').execute()
      : [];
    return c.json({ endpoints: rows.map((r) => toEndpointView(r, deps.config.publicUrl)) });
  })
  .post('/', async (c) => {
    const { deps, user } = c.var;
    const body = await parseJsonBody(c, createWebhookEndpointSchema);
    const { row, secret } = await createEndpoint(deps.db, deps.vault, { workspaceId: user.workspaceId, userId: user.id, ...body });
    return c.json({ ...toEndpointView(row, deps.config.publicUrl), secret } satisfies CreatedWebhookEndpoint, 201);
  })
  .delete('/:id', async (c) => {
    const { deps, user } = c.var;
    const workspaces = await memberWorkspaceIds(deps.db, user.id);
    const row = await deps.db.selectFrom('webhook_endpoints').select('id').where('id', '=', c.req.param('id')).where('workspace_id', 'in', workspaces).executeTakeFirst();
    if (!row) throw notFound('That webhook endpoint');
    await deps.db.deleteFrom('webhook_endpoints').where('id', '=', row.id).execute();
    return c.json({ deleted: true });
  });

import { Hono } from 'hono';
import type { DeadWebhooks, OutboundWebhook } from '../../../shared/protocol/flow-webhooks';
import { requireUser } from '../../accounts/require-user';
import { memberWorkspaceIds } from '../../accounts/users';
import type { AppDeps, AppEnv } from '../../app-context';
import { notFound } from '../../lib/http-error';
import type { User } from '../../../shared/protocol/auth';
import { rotateSigningSecret } from './signing-secrets';
import { replayDelivery, type DeliveryRow } from './webhook-outbox';

/** Dead-lettered webhooks one listing returns at most (newest first). */
export const DEAD_LISTED = 100;

export function toOutboundWebhook(row: DeliveryRow): OutboundWebhook {
  return {
    id: row.id, runId: row.run_id, stepKey: row.step_key, url: row.url, status: row.status, attempts: row.attempts,
    lastStatus: row.last_status, lastError: row.last_error, bodyBytes: Buffer.byteLength(row.body), createdAt: row.created_at,
    finishedAt: row.finished_at, nextAttemptAt: row.status === 'pending' ? new Date(row.next_attempt_ms).toISOString() : null,
  };
}

/** The caller's instance (one of their workspaces'), else a 404 that says no more than "not found". */
async function ownInstance(deps: AppDeps, user: User, id: string) {
  const workspaces = await memberWorkspaceIds(deps.db, user.id);
  const row = await deps.db.selectFrom('flow_instances').select(['id']).where('id', '=', id).where('workspace_id', 'in', workspaces).executeTakeFirst();
  if (!row) throw notFound('That instance');
  return row;
}

/** Under `/api/instances`: the signing secret's rotation, dead-lettered outbound webhooks and their replay. */
// requireUser per route, not `.use`: these share /api/instances with the instance routes,
// whose own middleware would otherwise run twice.
export const flowWebhookRoutes = new Hono<AppEnv>()
  .post('/:id/signing-secret/rotate', requireUser, async (c) => {
    const { deps, user } = c.var;
    const instance = await ownInstance(deps, user, c.req.param('id'));
    const rotated = await rotateSigningSecret(deps.store, deps.vault, instance.id);
    if (!rotated) throw notFound('That instance');
    return c.json(rotated);
  })
  .get('/:id/webhooks/dead', requireUser, async (c) => {
    const { deps, user } = c.var;
    const instance = await ownInstance(deps, user, c.req.param('id'));
    const rows = await deps.db
      .selectFrom('flow_webhook_deliveries').selectAll()
      .where('instance_id', '=', instance.id).where('status', '=', 'dead')
      .orderBy('finished_at', 'desc').orderBy('id', 'desc').limit(DEAD_LISTED)
      .execute();
    return c.json({ webhooks: rows.map(toOutboundWebhook) } satisfies DeadWebhooks);
  })
  .post('/:id/webhooks/:webhookId/replay', requireUser, async (c) => {
    const { deps, user } = c.var;
    const instance = await ownInstance(deps, user, c.req.param('id'));
    const row = await replayDelivery(deps, instance.id, c.req.param('webhookId'));
    if (!row) throw notFound('That dead-lettered webhook');
    return c.json({ webhook: toOutboundWebhook(row) }, 202);
  });

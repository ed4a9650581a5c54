import { Hono } from 'hono';
import {
  deployInstanceRequestSchema,
  updateInstanceRequestSchema,
  type InstanceCreatedResponse,
  type InstanceResponse,
} from '../../../shared/protocol/flows';
import { requireUser } from '../../accounts/require-user';
import type { AppEnv } from '../../app-context';
import { notFound } from '../../lib/http-error';
import { parseJsonBody } from '../../lib/parse-body';
import { findVersion, findVisibleIntegration } from '../integrations/repository';
import { announceInstance } from './announce';
import { deployInstance } from './deploy';
import { findVisibleInstance, listVisibleInstances, toInstanceView } from './repository';
import { openSigningSecret } from './signing-secret';
import { updateInstance } from './update';
import { syncScheduleTicks } from '../triggers/schedule-ticks';

/** `/api/instances`: versions deployed into the caller's workspace. Another workspace's instance is a 404. */
export const instanceRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const rows = await listVisibleInstances(c.var.deps.db, c.var.user.id);
    return c.json({ instances: rows.map((r) => toInstanceView(r, c.var.deps.config.publicUrl)) });
  })
  .post('/', async (c) => {
    const { deps, user } = c.var;
    const body = await parseJsonBody(c, deployInstanceRequestSchema);
    const integration = await findVisibleIntegration(deps.db, user.id, body.integrationId);
    if (!integration) throw notFound('That integration');
    const version = await findVersion(deps.db, integration.id, body.version);
    if (!version) throw notFound(`Version ${body.version} of ${integration.name}`);
    const { id, signingSecret } = await deps.store.transaction((trx) =>
      deployInstance(deps, trx, user, { version, config: body.config, name: body.name ?? integration.name, failureAlert: body.failureAlert }),
    );
    // Its schedule triggers' first ticks (after the commit, so a ticker woken now sees them).
    await syncScheduleTicks(deps.db, id);
    const row = (await findVisibleInstance(deps.db, user.id, id))!;
    await announceInstance(deps, row, { kind: 'deployed', version: row.version });
    return c.json({ instance: toInstanceView(row, deps.config.publicUrl), signingSecret } satisfies InstanceCreatedResponse, 201);
  })
  .patch('/:id', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleInstance(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That flow instance');
    const body = await parseJsonBody(c, updateInstanceRequestSchema);
    const { secretNewlyNeeded } = await updateInstance(deps, row.workspace_id, row, body);
    // Enabled, disabled, paused or on another version: its schedule ticks follow.
    await syncScheduleTicks(deps.db, row.id);
    const updated = (await findVisibleInstance(deps.db, user.id, row.id))!;
    await announceInstance(deps, updated, { kind: 'changed', version: updated.version });
    const signingSecret = secretNewlyNeeded ? openSigningSecret(deps.vault, updated) : null;
    return c.json({ instance: toInstanceView(updated, deps.config.publicUrl), signingSecret } satisfies InstanceResponse);
  })
  .delete('/:id', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleInstance(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That flow instance');
    // Its runs, filtered firings, schedule ticks and connection rows go with it (on delete cascade).
    await deps.db.deleteFrom('flow_instances').where('id', '=', row.id).execute();
    await announceInstance(deps, row, { kind: 'deleted' });
    return c.json({ deleted: true as const });
  });

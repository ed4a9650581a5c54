import { Hono } from 'hono';
import { installTemplateRequestSchema, type TemplateInstalledResponse, type TemplatesResponse } from '../../../shared/protocol/flows';
import { requireUser } from '../../accounts/require-user';
import type { AppEnv } from '../../app-context';
import { notFound } from '../../lib/http-error';
import { parseJsonBody } from '../../lib/parse-body';
import { insertIntegration } from '../integrations/create';
import { integrationDetail } from '../integrations/detail';
import { hashed, insertNextVersion } from '../integrations/publish';
import { findVisibleIntegration } from '../integrations/repository';
import { announceInstance } from '../instances/announce';
import { deployInstance } from '../instances/deploy';
import { findVisibleInstance, toInstanceView } from '../instances/repository';
import { findTemplate, listTemplates } from './catalog';
import { syncScheduleTicks } from '../triggers/schedule-ticks';

/** `/api/templates`: the gallery, and installing from it. */
export const templateRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => c.json({ templates: await listTemplates(c.var.deps.db, c.var.user.id) } satisfies TemplatesResponse))
  /**
   * Install: a new integration with the template as its draft and version 1 (available),
   * and an instance of it with the config given, in one transaction: config that does not
   * fit (a missing value, a connection of the wrong provider) leaves nothing behind.
   */
  .post('/:id/install', async (c) => {
    const { deps, user } = c.var;
    const template = await findTemplate(deps.db, user.id, c.req.param('id'));
    if (!template) throw notFound('That template');
    const body = await parseJsonBody(c, installTemplateRequestSchema);
    const frozen = await hashed(template.document);
    const { integrationId, instanceId, signingSecret } = await deps.store.transaction(async (trx) => {
      const integrationId = await insertIntegration(trx, user, template.document, template.integrationId);
      const version = await insertNextVersion(trx, integrationId, frozen, { userId: user.id, note: `Installed from the template ${template.name}.` });
      const { id, signingSecret } = await deployInstance(deps, trx, user, { version, config: body.config, name: body.name ?? template.name });
      return { integrationId, instanceId: id, signingSecret };
    });
    // Its schedule triggers' first ticks (after the commit, so a ticker woken now sees them).
    await syncScheduleTicks(deps.db, instanceId);
    const integration = (await findVisibleIntegration(deps.db, user.id, integrationId))!;
    const instance = (await findVisibleInstance(deps.db, user.id, instanceId))!;
    await announceInstance(deps, instance, { kind: 'deployed', version: instance.version });
    return c.json(
      { integration: await integrationDetail(deps, user.id, integration), instance: toInstanceView(instance, deps.config.publicUrl), signingSecret } satisfies TemplateInstalledResponse,
      201,
    );
  });

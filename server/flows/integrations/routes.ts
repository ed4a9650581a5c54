import { Hono } from 'hono';
import { announceInstances } from '../instances/announce';
import type { IntegrationDocument } from '../../../shared/flows/document';
import {
  publishVersionRequestSchema,
  updateVersionRequestSchema,
  type IntegrationDeleted,
  type IntegrationResponse,
  type VersionResponse,
} from '../../../shared/protocol/flows';
import { requireUser } from '../../accounts/require-user';
import type { AppEnv } from '../../app-context';
import { notFound } from '../../lib/http-error';
import { nowIso } from '../../lib/ids';
import { parseJsonBody } from '../../lib/parse-body';
import { listVisibleInstances } from '../instances/repository';
import { insertIntegration } from './create';
import { integrationDetail } from './detail';
import { readDocumentBody } from './document-body';
import { publishDraft } from './publish';
import { findVersion, findVisibleIntegration, listVisibleIntegrations, searchColumns, toIntegrationSummary, toVersionSummary, type VersionRow } from './repository';
import { versionYaml } from './version-yaml';

const versionNumber = (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound(`Version ${text}`);
  return n;
};

const versionView = (row: VersionRow) => ({ ...toVersionSummary(row), document: JSON.parse(row.document) as IntegrationDocument });

/**
 * `/api/integrations`: the caller's integrations, their drafts and published versions.
 * Another workspace's integration is a 404, whatever the route.
 */
export const integrationRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get('/', async (c) => {
    const rows = await listVisibleIntegrations(c.var.deps.db, c.var.user.id, { q: c.req.query('q'), label: c.req.query('label'), category: c.req.query('category') });
    return c.json({ integrations: rows.map(toIntegrationSummary) });
  })
  .post('/', async (c) => {
    const { deps, user } = c.var;
    const { document, yaml } = await readDocumentBody(c);
    const id = await insertIntegration(deps.db, user, document, null, yaml);
    const row = (await findVisibleIntegration(deps.db, user.id, id))!;
    return c.json({ integration: await integrationDetail(deps, user.id, row) } satisfies IntegrationResponse, 201);
  })
  .get('/:id', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleIntegration(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That integration');
    return c.json({ integration: await integrationDetail(deps, user.id, row) } satisfies IntegrationResponse);
  })
  .put('/:id/draft', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleIntegration(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That integration');
    const { document, yaml } = await readDocumentBody(c);
    await deps.db
      .updateTable('integrations')
      .set({ ...searchColumns(document), draft: JSON.stringify(document), draft_yaml: yaml, updated_at: nowIso() })
      .where('id', '=', row.id)
      .execute();
    const updated = (await findVisibleIntegration(deps.db, user.id, row.id))!;
    return c.json({ integration: await integrationDetail(deps, user.id, updated) } satisfies IntegrationResponse);
  })
  .post('/:id/versions', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleIntegration(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That integration');
    const { note } = await parseJsonBody(c, publishVersionRequestSchema);
    const version = await publishDraft(deps.store, row.id, { document: JSON.parse(row.draft) as IntegrationDocument, yaml: row.draft_yaml }, { userId: user.id, note });
    await deps.db.updateTable('integrations').set({ updated_at: nowIso() }).where('id', '=', row.id).execute();
    return c.json({ version: versionView(version) } satisfies VersionResponse, 201);
  })
  .get('/:id/versions/:n', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleIntegration(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That integration');
    const version = await findVersion(deps.db, row.id, versionNumber(c.req.param('n')));
    if (!version) throw notFound(`Version ${c.req.param('n')}`);
    if (/\b(application|text)\/(x-)?yaml\b/i.test(c.req.header('accept') ?? '')) {
      return c.body(versionYaml(version), 200, { 'content-type': 'application/yaml; charset=utf-8' });
    }
    return c.json({ version: versionView(version) } satisfies VersionResponse);
  })
  .patch('/:id/versions/:n', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleIntegration(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That integration');
    const n = versionNumber(c.req.param('n'));
    if (!(await findVersion(deps.db, row.id, n))) throw notFound(`Version ${n}`);
    const body = await parseJsonBody(c, updateVersionRequestSchema);
    const set: { available?: number; template?: number } = {};
    if (body.available !== undefined) set.available = body.available ? 1 : 0;
    if (body.template !== undefined) set.template = body.template ? 1 : 0;
    await deps.db.updateTable('integration_versions').set(set).where('integration_id', '=', row.id).where('version', '=', n).execute();
    return c.json({ version: versionView((await findVersion(deps.db, row.id, n))!) } satisfies VersionResponse);
  })
  .post('/:id/fork', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleIntegration(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That integration');
    const draft = JSON.parse(row.draft) as IntegrationDocument;
    const id = await insertIntegration(deps.db, user, { ...draft, name: forkName(draft.name) }, row.id);
    const fork = (await findVisibleIntegration(deps.db, user.id, id))!;
    return c.json({ integration: await integrationDetail(deps, user.id, fork) } satisfies IntegrationResponse, 201);
  })
  .delete('/:id', async (c) => {
    const { deps, user } = c.var;
    const row = await findVisibleIntegration(deps.db, user.id, c.req.param('id'));
    if (!row) throw notFound('That integration');
    const instances = await listVisibleInstances(deps.db, user.id, row.id);
    // Versions, instances and their runs go with it (foreign keys, on delete cascade).
    const deleted = await deps.db.deleteFrom('integrations').where('id', '=', row.id).executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw notFound('That integration');
    await announceInstances(deps, instances, { kind: 'deleted' });
    return c.json({ deleted: true, instancesRemoved: instances.map((i) => ({ id: i.id, name: i.name })) } satisfies IntegrationDeleted);
  });

/** "Copy of X", within the name's limit. */
function forkName(name: string): string {
  return `Copy of ${name}`.slice(0, 200);
}

import { Hono } from 'hono';
import { authenticate } from './api';
import { crmError, invalidInput, objectNotFound } from './errors';
import type { HubspotState } from './state';

/**
 * Deal pipelines (`GET /crm/v3/pipelines/deals[/{id}]`, stage metadata as v3's string map)
 * and owners (`GET /crm/v3/owners[/{id}]`, `?email=`): read-only lists Weft shows as choices.
 */
export function crmSettingsRoutes(state: HubspotState): Hono {
  const app = new Hono();
  const { crm } = state;

  const pipelineJson = (p: (typeof crm.pipelines)[number]) => ({
    label: p.label,
    displayOrder: p.displayOrder,
    id: p.id,
    stages: p.stages.map((s) => ({
      label: s.label,
      displayOrder: s.displayOrder,
      // v3 stage metadata is a string map.
      metadata: { isClosed: String(s.isClosed), probability: String(s.probability) },
      id: s.id,
      createdAt: p.createdAt,
      updatedAt: p.createdAt,
      archived: false,
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    })),
    createdAt: p.createdAt,
    updatedAt: p.createdAt,
    archived: false,
  });

  app.get('/crm/v3/pipelines/:type', (c) => {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    const type = c.req.param('type');
    if (type !== 'deals' && type !== 'tickets') return c.json(invalidInput(`Unable to infer object type from: ${type}`), 400);
    return c.json({ results: type === 'deals' ? crm.pipelines.map(pipelineJson) : [] });
  });

  app.get('/crm/v3/pipelines/:type/:pipelineId', (c) => {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    const pipeline = c.req.param('type') === 'deals' ? crm.pipelines.find((p) => p.id === c.req.param('pipelineId')) : undefined;
    if (!pipeline) return c.json(crmError('OBJECT_NOT_FOUND', `Unable to find pipeline ${c.req.param('pipelineId')}`), 404);
    return c.json(pipelineJson(pipeline));
  });

  const ownerJson = (o: (typeof crm.owners)[number]) => ({
    id: o.id,
    email: o.email,
    type: 'PERSON',
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    userIdIncludingInactive: o.userId,
    createdAt: o.createdAt,
    updatedAt: o.createdAt,
    archived: false,
    teams: o.teams,
  });

  app.get('/crm/v3/owners', (c) => {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    const email = c.req.query('email')?.toLowerCase();
    const owners = crm.owners.filter((o) => email === undefined || o.email.toLowerCase() === email);
    const limit = Math.min(500, Math.max(1, Number(c.req.query('limit')) || 100));
    const after = Math.max(0, Number(c.req.query('after')) || 0);
    const next = after + limit < owners.length ? String(after + limit) : undefined;
    return c.json({ results: owners.slice(after, after + limit).map(ownerJson), ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}) });
  });

  app.get('/crm/v3/owners/:ownerId', (c) => {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    const byUser = c.req.query('idProperty') === 'userId';
    const owner = crm.owners.find((o) => (byUser ? String(o.userId) : o.id) === c.req.param('ownerId'));
    if (!owner) return c.json(objectNotFound(), 404);
    return c.json(ownerJson(owner));
  });

  return app;
}

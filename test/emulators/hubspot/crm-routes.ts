import { Hono, type Context } from 'hono';
import { readJsonBody } from '../common/params';
import { retryAfterSeconds } from '../common/rate-limit';
import { authenticate } from './api';
import { contactConflict, invalidInput, objectNotFound, rateLimitError } from './errors';
import { parseAssociations, recordJson, validateProperties } from './crm-records';
import { crmType, type CrmType } from './crm-schema';
import { matchesGroups, matchesQuery, OPERATORS, sortRecords, type SearchFilter } from './crm-search';
import type { CrmRecord } from './crm-store';
import type { HubspotState } from './state';

/** HubSpot refuses to page past the first 10,000 search results. */
const SEARCH_WINDOW = 10_000;

const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * CRM v3 objects (contacts, companies, deals, notes, tasks): search, read with
 * associations, create (contacts unique by email → 409) and update. Every call goes
 * through `authenticate` (TEN_SECONDLY_ROLLING and, for private apps, DAILY); search adds
 * its own per-token limit (policy SECONDLY).
 * https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/guide
 */
export function crmRoutes(state: HubspotState): Hono {
  const app = new Hono();
  const { crm } = state;

  /** Auth, the object type from the path and the JSON body: what every object route starts with. */
  async function begin(c: Context, withBody: boolean): Promise<{ type: CrmType; body: Record<string, unknown>; token: string } | Response> {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    const type = crmType(c.req.param('type'));
    if (!type) return c.json(invalidInput(`Unable to infer object type from: ${c.req.param('type')}`), 400);
    if (!withBody) return { type, body: {}, token: token.value };
    const body = await readJsonBody(c);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return c.json(invalidInput('Invalid input JSON on line 1, column 1: Cannot build request body'), 400);
    return { type, body: body as Record<string, unknown>, token: token.value };
  }

  app.post('/crm/v3/objects/:type/search', async (c) => {
    const start = await begin(c, true);
    if (start instanceof Response) return start;
    const { type, body } = start;
    const window = state.searchLimiter.hit(start.token);
    if (window.limited) {
      state.core.stats.rateLimited++;
      c.header('Retry-After', String(retryAfterSeconds(window, state.core.now())));
      return c.json(rateLimitError('SECONDLY'), 429);
    }
    const groups = Array.isArray(body.filterGroups) ? (body.filterGroups as { filters?: SearchFilter[] }[]) : [];
    const filters = groups.flatMap((g) => (Array.isArray(g?.filters) ? g.filters : []));
    if (groups.length > 5 || groups.some((g) => (g?.filters?.length ?? 0) > 6) || filters.length > 18) {
      return c.json(invalidInput('The request has too many filters: at most 5 filterGroups, 6 filters per group and 18 filters in total.'), 400);
    }
    const unknown = filters.find((f) => !OPERATORS.has(String(f.operator)) || typeof f.propertyName !== 'string');
    if (unknown) return c.json(invalidInput(`Invalid filter: ${JSON.stringify(unknown)}`), 400);
    const limit = body.limit === undefined ? 10 : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return c.json(invalidInput(`limit must be between 1 and 200, got ${String(body.limit)}`), 400);
    const after = body.after === undefined || body.after === '' ? 0 : Number(body.after);
    if (!Number.isInteger(after) || after < 0) return c.json(invalidInput(`Invalid "after": ${String(body.after)}`), 400);
    if (after + limit > SEARCH_WINDOW) return c.json(invalidInput(`The search window is limited to ${SEARCH_WINDOW} results.`), 400);

    const query = typeof body.query === 'string' ? body.query : '';
    const found = sortRecords(crm.list(type).filter((r) => matchesGroups(r, groups) && matchesQuery(r, query)), Array.isArray(body.sorts) ? body.sorts[0] : undefined);
    const properties = Array.isArray(body.properties) ? body.properties.map(String) : [];
    const page = found.slice(after, after + limit);
    const next = after + limit < found.length ? String(after + limit) : undefined;
    return c.json({
      total: found.length,
      results: page.map((r) => recordJson(state, r, properties)),
      ...(next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}),
    });
  });

  app.get('/crm/v3/objects/:type/:id', async (c) => {
    const start = await begin(c, false);
    if (start instanceof Response) return start;
    const { type } = start;
    const idProperty = c.req.query('idProperty');
    const id = c.req.param('id');
    const record = idProperty === 'email' && type === 'contacts' ? crm.contactByEmail(id) : idProperty && idProperty !== 'hs_object_id' ? undefined : crm.get(type, id);
    if (!record) return c.json(objectNotFound(), 404);
    const associations = list(c.req.query('associations')).map(crmType).filter((t): t is CrmType => t !== undefined);
    return c.json(recordJson(state, record, list(c.req.query('properties')), associations));
  });

  app.post('/crm/v3/objects/:type', async (c) => {
    const start = await begin(c, true);
    if (start instanceof Response) return start;
    const { type, body } = start;
    const properties = validateProperties(state, type, body.properties);
    if (!properties.ok) return c.json(properties.body, 400);
    const associations = parseAssociations(state, type, body.associations);
    if (!associations.ok) return c.json(associations.body, 400);
    const conflict = duplicate(type, properties.value);
    if (conflict) return c.json(contactConflict(conflict.id), 409);
    const record = crm.create(type, clean(properties.value));
    for (const ref of associations.value) crm.associate(record, ref);
    return c.json(recordJson(state, record, 'all'), 201);
  });

  app.patch('/crm/v3/objects/:type/:id', async (c) => {
    const start = await begin(c, true);
    if (start instanceof Response) return start;
    const { type, body } = start;
    const record = crm.get(type, c.req.param('id'));
    if (!record) return c.json(objectNotFound(), 404);
    const properties = validateProperties(state, type, body.properties, record);
    if (!properties.ok) return c.json(properties.body, 400);
    const conflict = duplicate(type, properties.value);
    if (conflict && conflict !== record) return c.json(contactConflict(conflict.id), 409);
    crm.update(record, properties.value);
    return c.json(recordJson(state, record, 'all'));
  });

  function duplicate(type: CrmType, properties: Record<string, string | null>): CrmRecord | undefined {
    return type === 'contacts' && properties.email ? crm.contactByEmail(properties.email) : undefined;
  }

  return app;
}

/** Drops cleared values from a create: there is nothing to clear yet. */
const clean = (values: Record<string, string | null>) =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== null && e[1] !== ''));

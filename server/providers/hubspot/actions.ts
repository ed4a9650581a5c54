import type { hubspotActions } from '../../../shared/providers/actions/hubspot';
import type { ActionHandlers, ProviderActions } from '../../actions/action-handler';
import { hubspotActivity } from './activity';
import type { Limit } from '../../actions/rate-limiter';
import { hubspotCreated, hubspotPipelines, hubspotRecord, hubspotSearch, type HubspotRecord } from './responses';

const API = 'https://api.hubapi.com';
/** The CRM search endpoints allow 5 requests a second per token. */
const SEARCH: Limit[] = [{ key: ':search', max: 5, windowMs: 1000 }];

const PROPERTIES = {
  contacts: ['email', 'firstname', 'lastname', 'company', 'hubspot_owner_id'],
  companies: ['name', 'domain', 'hubspot_owner_id'],
  deals: ['dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'hubspot_owner_id'],
} as const;

/** HUBSPOT_DEFINED association type ids, from the v4 associations reference. */
const NOTE_TO = { contacts: 202, companies: 190, deals: 214 } as const;
const TASK_TO = { contacts: 204, companies: 192, deals: 216 } as const;

type CrmObject = keyof typeof PROPERTIES;

const associate = (id: string, typeId: number) => [{ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] }];

function recordSummary(object: CrmObject, r: HubspotRecord) {
  const associations = Object.fromEntries(Object.entries(r.associations ?? {}).map(([k, v]) => [k, (v?.results ?? []).map((x) => String(x.id))]));
  return { object, id: r.id, properties: r.properties, associations, updatedAt: r.updatedAt ?? null };
}

function searchBody(object: CrmObject, i: { email?: string; domain?: string; name?: string; limit: number }) {
  const filters: { propertyName: string; operator: string; value: string }[] = [];
  if (i.email) filters.push({ propertyName: 'email', operator: 'EQ', value: i.email });
  if (i.domain) filters.push({ propertyName: object === 'contacts' ? 'hs_email_domain' : 'domain', operator: 'EQ', value: i.domain });
  return { ...(filters.length ? { filterGroups: [{ filters }] } : {}), ...(i.name ? { query: i.name } : {}), properties: PROPERTIES[object], limit: i.limit };
}

const handlers: ActionHandlers<typeof hubspotActions> = {
  search: async (api, i) => {
    const res = await api.call({ method: 'POST', url: `${API}/crm/v3/objects/${i.object}/search`, body: searchBody(i.object, i), limits: SEARCH, schema: hubspotSearch });
    return { total: res.total, results: res.results.map((r) => recordSummary(i.object, r)) };
  },
  get_record: async (api, i) => {
    const others = (['contacts', 'companies', 'deals'] as const).filter((o) => o !== i.object);
    const r = await api.call({ url: `${API}/crm/v3/objects/${i.object}/${i.id}`, query: { properties: PROPERTIES[i.object].join(','), associations: others.join(',') }, schema: hubspotRecord });
    return recordSummary(i.object, r);
  },
  create_contact: async (api, i) =>
    recordSummary('contacts', await api.call({ method: 'POST', url: `${API}/crm/v3/objects/contacts`, body: { properties: { email: i.email, firstname: i.firstname, lastname: i.lastname, company: i.company } }, schema: hubspotRecord })),
  update_contact: async (api, i) =>
    recordSummary('contacts', await api.call({ method: 'PATCH', url: `${API}/crm/v3/objects/contacts/${i.id}`, body: { properties: i.properties }, schema: hubspotRecord })),
  create_company: async (api, i) =>
    recordSummary('companies', await api.call({ method: 'POST', url: `${API}/crm/v3/objects/companies`, body: { properties: { name: i.name, domain: i.domain } }, schema: hubspotRecord })),
  list_deal_stages: async (api) => {
    const res = await api.call({ url: `${API}/crm/v3/pipelines/deals`, schema: hubspotPipelines });
    return {
      pipelines: res.results.map((p) => ({
        id: p.id, label: p.label,
        stages: [...p.stages].sort((a, b) => a.displayOrder - b.displayOrder).map((s) => ({ id: s.id, label: s.label })),
      })),
    };
  },
  update_deal_stage: async (api, i) =>
    recordSummary('deals', await api.call({ method: 'PATCH', url: `${API}/crm/v3/objects/deals/${i.id}`, body: { properties: { dealstage: i.stage } }, schema: hubspotRecord })),
  create_note: async (api, i) => {
    const r = await api.call({ method: 'POST', url: `${API}/crm/v3/objects/notes`, body: { properties: { hs_timestamp: new Date().toISOString(), hs_note_body: i.body }, associations: associate(i.id, NOTE_TO[i.object]) }, schema: hubspotCreated });
    return { id: r.id };
  },
  create_task: async (api, i) => {
    const r = await api.call({
      method: 'POST',
      url: `${API}/crm/v3/objects/tasks`,
      body: {
        properties: { hs_timestamp: i.dueDate ?? new Date(Date.now() + 86_400_000).toISOString(), hs_task_subject: i.subject, hs_task_body: i.body, hs_task_status: 'NOT_STARTED' },
        associations: associate(i.id, TASK_TO[i.object]),
      },
      schema: hubspotCreated,
    });
    return { id: r.id };
  },
  // An activity on the timeline, as a note whose first line says what happened.
  log_activity: async (api, i) => {
    const heading = { github_issue: 'GitHub issue', github_pull_request: 'GitHub pull request', slack_message: 'Slack message', other: 'Activity' }[i.kind];
    const r = await api.call({ method: 'POST', url: `${API}/crm/v3/objects/notes`, body: { properties: { hs_timestamp: new Date().toISOString(), hs_note_body: `${heading}: ${i.body}` }, associations: associate(i.id, NOTE_TO[i.object]) }, schema: hubspotCreated });
    return { id: r.id };
  },
};

/**
 * 100 requests per 10 s per app for Free/Starter portals (190 for Professional and
 * Enterprise): set WEFT_HUBSPOT_RATE_LIMIT=190/10s for those.
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
 */
export const hubspotProviderActions: ProviderActions = {
  handlers: handlers as ProviderActions['handlers'],
  describe: hubspotActivity,
  baseLimits: [{ key: '', max: 100, windowMs: 10_000 }],
};

import { refreshConnections } from '../cache';
import { db } from '../db';
import { cachedOrLoad } from './lookups';
import { loadChoices, isClosedStage } from './choices';
import { read } from './read';
import type { CrmRecord } from '@@/shared/providers/actions/hubspot-results';
import type { Choice, CrmCompany, CrmContact, CrmDeal, HubspotObject } from './types';

const typeIds: Record<HubspotObject, string> = { contacts: '0-1', companies: '0-2', deals: '0-3' };

/** @example recordUrl('62515', 'contacts', '10002') // 'https://app.hubspot.com/contacts/62515/record/0-1/10002' */
export function recordUrl(portalId: string | null, object: HubspotObject, id: string): string | null {
  return portalId ? `https://app.hubspot.com/contacts/${portalId}/record/${typeIds[object]}/${id}` : null;
}

const prop = (r: CrmRecord, name: string) => r.properties[name]?.trim() || null;

export const contactOf = (r: CrmRecord, portalId: string | null): CrmContact => ({
  id: r.id,
  name: [prop(r, 'firstname'), prop(r, 'lastname')].filter(Boolean).join(' ') || prop(r, 'email') || `Contact ${r.id}`,
  email: prop(r, 'email'),
  url: recordUrl(portalId, 'contacts', r.id),
});

export const companyOf = (r: CrmRecord, portalId: string | null): CrmCompany => ({
  id: r.id,
  name: prop(r, 'name') ?? prop(r, 'domain') ?? `Company ${r.id}`,
  domain: prop(r, 'domain'),
  url: recordUrl(portalId, 'companies', r.id),
});

export function dealOf(r: CrmRecord, stages: Choice[], portalId: string | null): CrmDeal {
  const stage = prop(r, 'dealstage') ?? '';
  const label = stages.find((s) => s.id === stage)?.label ?? stage;
  return { id: r.id, name: prop(r, 'dealname') ?? `Deal ${r.id}`, stage, stageLabel: label, amount: prop(r, 'amount'), open: !isClosedStage(stage, label), url: recordUrl(portalId, 'deals', r.id) };
}

export const getRecord = (object: HubspotObject, id: string) => read('hubspot', 'get_record', { object, id });

export async function searchOne(object: HubspotObject, by: { email: string } | { domain: string }): Promise<CrmRecord | null> {
  const { results } = await read('hubspot', 'search', { object, ...by, limit: 1 });
  return results[0] ?? null;
}

/** Deal stages for labels: the cached list, loaded once when there is none. */
export async function dealStages(): Promise<Choice[]> {
  const cached = await cachedOrLoad<Choice[]>('choices:deal_stages', false, () => loadChoices('deal_stages'));
  if (cached.data) return cached.data;
  return (await cachedOrLoad('choices:deal_stages', true, () => loadChoices('deal_stages'))).data ?? [];
}

/** The deals among `ids` (at most `max`), read one by one. */
export async function dealsByIds(ids: string[], portalId: string | null, max = 5): Promise<CrmDeal[]> {
  if (ids.length === 0) return [];
  const stages = await dealStages();
  const records = await Promise.all(ids.slice(0, max).map((id) => getRecord('deals', id)));
  return records.map((r) => dealOf(r, stages, portalId));
}

/** The HubSpot portal of the user's connection (its account id), for links to records. */
export async function hubspotPortalId(): Promise<string | null> {
  const find = async () => (await db.connections.where('provider').equals('hubspot').first())?.account?.id ?? null;
  return (await find()) ?? (await refreshConnections().then(find, () => null));
}

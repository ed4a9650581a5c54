import { companyOf, contactOf, dealOf, dealStages, getRecord } from './crm';
import { companyDomainOf } from './mentions';
import { read } from './read';
import type { HubspotContext, HubspotObject, IssueSummary } from './types';

export type HubspotContextInput = { portalId: string; object: HubspotObject; id: string };

export const hubspotContextKey = ({ portalId, object, id }: HubspotContextInput) => `hubspot:${portalId}:${object}:${id}`;

/**
 * The GitHub side of a HubSpot record: the record's email and company domain (a deal's
 * come from its first contact and company), then the issues that mention either,
 * open ones first.
 */
export async function loadHubspotContext(input: HubspotContextInput): Promise<HubspotContext> {
  const record = await getRecord(input.object, input.id);
  let name: string;
  let email: string | null = null;
  let domain: string | null = null;
  let stage: string | null = null;
  const firstCompanyDomain = async () => {
    const companyId = record.associations.companies?.[0];
    return companyId ? companyOf(await getRecord('companies', companyId), null).domain : null;
  };
  if (input.object === 'contacts') {
    const contact = contactOf(record, null);
    ({ name, email } = contact);
    domain = companyDomainOf(email) ?? (await firstCompanyDomain());
  } else if (input.object === 'companies') {
    ({ name, domain } = companyOf(record, null));
  } else {
    const deal = dealOf(record, await dealStages(), null);
    ({ name, stage } = deal);
    const contactId = record.associations.contacts?.[0];
    email = contactId ? contactOf(await getRecord('contacts', contactId), null).email : null;
    domain = (await firstCompanyDomain()) ?? companyDomainOf(email);
  }
  const issues = await issuesMentioning([email, domain].filter((m): m is string => Boolean(m)));
  return { object: input.object, id: input.id, name, email, domain, stage, issues };
}

/** Issues mentioning any of `mentions`, each once, open ones first, then the newest. */
async function issuesMentioning(mentions: string[]): Promise<IssueSummary[]> {
  const pages = await Promise.all(mentions.map((m) => read('github', 'search_issues', { mentions: m, state: 'all', limit: 20 })));
  const byUrl = new Map<string, IssueSummary>();
  for (const issue of pages.flatMap((p) => p.items)) byUrl.set(issue.url, issue);
  return [...byUrl.values()].sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open') || (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
}

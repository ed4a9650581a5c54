import { companyDomainOf, isEmail } from './mentions';
import { companyOf, contactOf, dealsByIds, getRecord, hubspotPortalId, searchOne } from './crm';
import { read } from './read';
import type { CrmRecord } from '@@/shared/providers/actions/hubspot-results';
import type { GithubContext, IssueSummary } from './types';

export type GithubContextInput = { owner: string; repo: string; number: number; mentions?: string[] };

export const githubContextKey = ({ owner, repo, number }: GithubContextInput) => `github:issue:${owner}/${repo}#${number}`.toLowerCase();

/**
 * The CRM side of a GitHub issue: the issue (author, state), then the HubSpot contact of
 * the first address written in it (else the company of the first domain), that
 * contact's company, and the open deals of either.
 */
export async function loadGithubContext(input: GithubContextInput): Promise<GithubContext> {
  const [issue, portalId] = await Promise.all([
    read('github', 'get_issue', { repo: `${input.owner}/${input.repo}`, number: input.number }).catch(orNullIfNotConnected<IssueSummary>),
    hubspotPortalId(),
  ]);
  const mentions = input.mentions ?? [];
  const context: GithubContext = { issue, matchedBy: null, contact: null, company: null, deals: [], portalId };

  let contact: CrmRecord | null = null;
  for (const email of mentions.filter(isEmail).slice(0, 3)) {
    contact = await searchOne('contacts', { email });
    if (contact) {
      context.matchedBy = { kind: 'email', value: email };
      break;
    }
  }
  let company: CrmRecord | null = null;
  if (contact) {
    // Search answers carry no associations: read the record for its company and deals.
    contact = await getRecord('contacts', contact.id);
    context.contact = contactOf(contact, portalId);
    const companyId = contact.associations.companies?.[0];
    if (companyId) company = await getRecord('companies', companyId);
  } else {
    const domains = [...new Set(mentions.map((m) => (isEmail(m) ? companyDomainOf(m) : m)).filter((d): d is string => Boolean(d)))];
    for (const domain of domains.slice(0, 3)) {
      company = await searchOne('companies', { domain });
      if (company) {
        context.matchedBy = { kind: 'domain', value: domain };
        break;
      }
    }
    // The search answers without associations: read the company for its deals.
    if (company) company = await getRecord('companies', company.id);
  }
  if (company) context.company = companyOf(company, portalId);
  const dealIds = [...new Set([...(contact?.associations.deals ?? []), ...(company?.associations.deals ?? [])])];
  context.deals = (await dealsByIds(dealIds, portalId)).filter((d) => d.open);
  return context;
}

/** GitHub not connected (or the issue gone) still lets the CRM side show; anything else is an error. */
function orNullIfNotConnected<T>(err: unknown): T | null {
  const code = (err as { code?: string }).code;
  if (code === 'not_connected' || code === 'not_found' || code === 'provider_rejected') return null;
  throw err;
}

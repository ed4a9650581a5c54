import { cachedWithPrefix } from './lookups';
import { read } from './read';
import type { GithubContext, HubspotContext, RepoContext } from './types';

/** Customers searched for per refresh: the search API allows 30 a minute. */
const maxSearches = 5;

/**
 * Open issues of a repository linked to CRM records: those whose cached context found a
 * contact or company, and those that mention a customer seen on a HubSpot record page.
 */
export async function loadRepoContext(owner: string, repo: string): Promise<RepoContext> {
  const full = `${owner}/${repo}`.toLowerCase();
  const found = new Map<string, RepoContext['issues'][number]>();
  for (const c of await cachedWithPrefix<GithubContext>(`github:issue:${full}#`)) {
    const customer = c.contact?.name ?? c.company?.name;
    if (c.issue && customer && c.issue.state === 'open') found.set(c.issue.url, { ...c.issue, customer });
  }
  const customers = new Map<string, string>();
  // A person or company names the customer better than a deal does.
  const order = { contacts: 0, companies: 1, deals: 2 };
  const records = (await cachedWithPrefix<HubspotContext>('hubspot:')).sort((a, b) => order[a.object] - order[b.object]);
  for (const h of records) {
    for (const mention of [h.email, h.domain]) if (mention && !customers.has(mention)) customers.set(mention, h.name);
    for (const issue of h.issues) {
      if (issue.state === 'open' && issue.repo?.toLowerCase() === full && !found.has(issue.url)) found.set(issue.url, { ...issue, customer: h.name });
    }
  }
  for (const [mention, customer] of [...customers].slice(0, maxSearches)) {
    const { items } = await read('github', 'search_issues', { repo: `${owner}/${repo}`, mentions: mention, state: 'open', limit: 20 });
    for (const issue of items) if (!found.has(issue.url)) found.set(issue.url, { ...issue, customer });
  }
  return { issues: [...found.values()].sort((a, b) => b.number - a.number) };
}

import type { FindResult } from '../messaging/to-background';
import { companyOf, contactOf, hubspotPortalId } from './crm';
import { mentionsIn, isEmail } from './mentions';
import { read } from './read';

/** "Find in HubSpot" on a selection: contacts by each address in it, companies by each domain. */
export async function findInHubspot(selection: string): Promise<FindResult> {
  const mentions = mentionsIn(selection, 4);
  const portalId = await hubspotPortalId();
  const matches: FindResult['matches'] = [];
  for (const m of mentions) {
    const email = isEmail(m);
    const object = email ? 'contacts' : 'companies';
    const { results } = await read('hubspot', 'search', { object, ...(email ? { email: m } : { domain: m }), limit: 5 });
    for (const r of results) {
      if (matches.some((x) => x.object === object && x.id === r.id)) continue;
      const view = email ? contactOf(r, portalId) : companyOf(r, portalId);
      matches.push({ object, id: r.id, name: view.name, detail: 'email' in view ? view.email : view.domain, url: view.url });
    }
  }
  return { query: mentions.join(', '), matches };
}

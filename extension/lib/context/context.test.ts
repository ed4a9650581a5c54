import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiError } from '../api-error';
import { db } from '../db';
import { makeConnection } from '../testing/events';
import { loadGithubContext } from './github-context';
import { loadHubspotContext } from './hubspot-context';
import { cachedOrLoad } from './lookups';

// The provider answers as the server's actions shape them (server/providers/*/actions.ts), from the emulators' seed.
const records: Record<string, { object: string; id: string; properties: Record<string, string>; associations: Record<string, string[]> }> = {
  'contacts:10002': { object: 'contacts', id: '10002', properties: { email: 'jane@example.com', firstname: 'Jane', lastname: 'Doe' }, associations: { companies: ['20002'], deals: ['30002'] } },
  'companies:20002': { object: 'companies', id: '20002', properties: { name: 'Example Corp', domain: 'example.com' }, associations: { contacts: ['10002'], deals: ['30002', '30009'] } },
  'deals:30002': { object: 'deals', id: '30002', properties: { dealname: 'Example Corp pilot', dealstage: 'appointmentscheduled', amount: '5000' }, associations: { contacts: ['10002'], companies: ['20002'] } },
  'deals:30009': { object: 'deals', id: '30009', properties: { dealname: 'Old deal', dealstage: 'closedlost' }, associations: {} },
};
const darkMode = { number: 2, title: 'Add a dark mode', state: 'open', url: 'https://github.com/octocat/hello-world/issues/2', author: 'octocat', labels: ['enhancement'], assignees: ['octocat'], isPullRequest: false, repo: 'octocat/hello-world', updatedAt: '2026-01-02T00:00:00Z' };
const typo = { ...darkMode, number: 3, title: 'Typo', state: 'closed', url: 'https://github.com/octocat/hello-world/issues/3', updatedAt: '2026-01-03T00:00:00Z' };

const calls: string[] = [];
vi.mock('./read', () => ({
  read: async (provider: string, action: string, input: any) => {
    calls.push(`${provider}.${action} ${JSON.stringify(input)}`);
    const key = `${provider}.${action}`;
    if (key === 'github.get_issue') return darkMode;
    if (key === 'hubspot.get_record') return records[`${input.object}:${input.id}`];
    if (key === 'hubspot.search') {
      const hit = Object.values(records).find((r) => r.object === input.object && (input.email ? r.properties.email === input.email : r.properties.domain === input.domain));
      return { total: hit ? 1 : 0, results: hit ? [{ ...hit, associations: {} }] : [] };
    }
    if (key === 'hubspot.list_deal_stages') {
      return { pipelines: [{ id: 'default', label: 'Sales', stages: [{ id: 'appointmentscheduled', label: 'Appointment Scheduled' }, { id: 'closedlost', label: 'Closed Lost' }] }] };
    }
    if (key === 'github.search_issues') return { total: 2, items: input.mentions === 'example.com' ? [typo, darkMode] : [darkMode] };
    throw new ApiError(409, 'not_connected', `Connect ${provider} first.`);
  },
}));

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  await db.connections.put(makeConnection({ id: 'hs', provider: 'hubspot', account: { id: '62515', label: 'Portal 62515' } }));
  calls.length = 0;
});

describe('GitHub issue → CRM context', () => {
  it('finds the contact by the address in the issue, then its company and open deals with stage names', async () => {
    const context = await loadGithubContext({ owner: 'octocat', repo: 'hello-world', number: 2, mentions: ['jane@example.com', 'example.com'] });
    expect(context).toEqual({
      issue: darkMode,
      matchedBy: { kind: 'email', value: 'jane@example.com' },
      contact: { id: '10002', name: 'Jane Doe', email: 'jane@example.com', url: 'https://app.hubspot.com/contacts/62515/record/0-1/10002' },
      company: { id: '20002', name: 'Example Corp', domain: 'example.com', url: 'https://app.hubspot.com/contacts/62515/record/0-2/20002' },
      deals: [{ id: '30002', name: 'Example Corp pilot', stage: 'appointmentscheduled', stageLabel: 'Appointment Scheduled', amount: '5000', open: true, url: 'https://app.hubspot.com/contacts/62515/record/0-3/30002' }],
      portalId: '62515',
    });
  });

  it('falls back to the company of a domain when no contact has the address', async () => {
    const context = await loadGithubContext({ owner: 'octocat', repo: 'hello-world', number: 2, mentions: ['someone@example.com'] });
    expect(context.matchedBy).toEqual({ kind: 'domain', value: 'example.com' });
    expect(context.contact).toBeNull();
    expect(context.company?.name).toBe('Example Corp');
    expect(context.deals.map((d) => d.name)).toEqual(['Example Corp pilot']);
  });

  it('with nothing mentioned, asks HubSpot nothing', async () => {
    const context = await loadGithubContext({ owner: 'octocat', repo: 'hello-world', number: 2, mentions: [] });
    expect(context).toMatchObject({ matchedBy: null, contact: null, company: null, deals: [] });
    expect(calls.filter((c) => c.startsWith('hubspot.'))).toEqual([]);
  });
});

describe('HubSpot record → GitHub issues', () => {
  it('searches by the contact’s address and company domain; open issues first, each once', async () => {
    const context = await loadHubspotContext({ portalId: '62515', object: 'contacts', id: '10002' });
    expect(context).toMatchObject({ name: 'Jane Doe', email: 'jane@example.com', domain: 'example.com', stage: null });
    expect(context.issues.map((i) => i.number)).toEqual([2, 3]);
  });

  it('a deal searches by its first contact and company', async () => {
    const context = await loadHubspotContext({ portalId: '62515', object: 'deals', id: '30002' });
    expect(context).toMatchObject({ name: 'Example Corp pilot', stage: 'appointmentscheduled', email: 'jane@example.com', domain: 'example.com' });
  });
});

describe('cachedOrLoad', () => {
  it('answers from the cache without loading, refreshes on demand, and keeps the cache when a refresh fails', async () => {
    const load = vi.fn(async () => ({ n: 1 }));
    expect(await cachedOrLoad('k', false, load)).toEqual({ data: null, fetchedAt: null, error: null });
    expect(load).not.toHaveBeenCalled();
    const fresh = await cachedOrLoad('k', true, load);
    expect(fresh).toMatchObject({ data: { n: 1 }, error: null });
    expect(await cachedOrLoad('k', false, load)).toEqual(fresh);
    const failed = await cachedOrLoad('k', true, async () => {
      throw new ApiError(0, 'unreachable', "Can't reach the Weft server.");
    });
    expect(failed).toEqual({ data: { n: 1 }, fetchedAt: fresh.fetchedAt, error: { code: 'unreachable', message: "Can't reach the Weft server." } });
  });

  it('shares one load between simultaneous refreshes of a key', async () => {
    const load = vi.fn(async () => 'x');
    await Promise.all([cachedOrLoad('k2', true, load), cachedOrLoad('k2', true, load)]);
    expect(load).toHaveBeenCalledOnce();
  });
});

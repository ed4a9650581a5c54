import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ActionsTestApp } from '../../../server/testing/actions-setup';
import { ApiError } from '../api-error';
import { db } from '../db';
import { useRealServer } from '../testing/real-server';
import { loadChoices } from './choices';
import { findInHubspot } from './find-in-hubspot';
import { loadGithubContext } from './github-context';
import { loadHubspotContext } from './hubspot-context';
import { cachedOrLoad } from './lookups';

/**
 * The contract between the server's actions and the panels: nothing here is mocked. The
 * extension's loaders call the real server (its real action handlers, output checks and
 * routes), which calls the GitHub, HubSpot and Slack emulators; every answer is read with
 * the catalog's output schemas, as in the browser. A server change the extension does not
 * expect (a renamed field, a read that now fails) fails these tests.
 */

let server: ActionsTestApp;

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  server = await useRealServer();
});

afterEach(() => {
  vi.unstubAllGlobals();
  server.close();
});

const darkMode = {
  number: 2, title: 'Add a dark mode', state: 'open', url: expect.stringMatching(/\/octocat\/hello-world\/issues\/2$/),
  labels: ['enhancement'], assignees: ['octocat'], isPullRequest: false, repo: 'octocat/hello-world',
};

describe('GitHub issue → CRM context', () => {
  it('finds the contact by the address in the issue, then its company and open deals with stage names', async () => {
    // A lost deal of the same company: closed deals are left out.
    server.hubspot.seedObject('deals', { dealname: 'Old deal', pipeline: 'default', dealstage: 'closedlost' }, { id: '30009', associations: { companies: ['20002'] } });
    const context = await loadGithubContext({ owner: 'octocat', repo: 'hello-world', number: 2, mentions: ['jane@example.com', 'example.com'] });
    expect(context).toEqual({
      issue: { ...darkMode, author: expect.any(String), updatedAt: expect.any(String) },
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
    expect(context).toMatchObject({ issue: darkMode, matchedBy: null, contact: null, company: null, deals: [] });
    expect(server.hubspot.stats.requests).toEqual([]);
  });
});

describe('HubSpot record → GitHub issues', () => {
  it('searches by the contact’s address and company domain; finds the issue that mentions it', async () => {
    const context = await loadHubspotContext({ portalId: '62515', object: 'contacts', id: '10002' });
    expect(context).toMatchObject({ name: 'Jane Doe', email: 'jane@example.com', domain: 'example.com', stage: null });
    expect(context.issues.map((i) => i.number)).toEqual([2]);
  });

  it('a deal searches by its first contact and company', async () => {
    const context = await loadHubspotContext({ portalId: '62515', object: 'deals', id: '30002' });
    expect(context).toMatchObject({ name: 'Example Corp pilot', stage: 'appointmentscheduled', email: 'jane@example.com', domain: 'example.com' });
    expect(context.issues.map((i) => i.title)).toEqual(['Add a dark mode']);
  });
});

describe('the pickers and Find in HubSpot', () => {
  it('offer the Slack channels (the bot’s first), the repositories and the deal stages the server reads', async () => {
    const channels = await loadChoices('slack_channels');
    expect(channels.length).toBeGreaterThan(0);
    expect(channels[0]).toMatchObject({ id: expect.stringMatching(/^C/), label: expect.stringMatching(/^#/) });
    expect(channels.at(-1)?.note).toBe('Weft bot not in channel');
    expect((await loadChoices('github_repos')).map((r) => r.id)).toContain('octocat/hello-world');
    expect(await loadChoices('deal_stages')).toContainEqual({ id: 'appointmentscheduled', label: 'Appointment Scheduled', note: 'Sales Pipeline' });
  });

  it('finds the contact of an address and the company of a domain', async () => {
    const found = await findInHubspot('Mail jane@example.com, and ask github.io');
    expect(found.query).toBe('jane@example.com, example.com, github.io');
    expect(found.matches.map((m) => [m.object, m.id, m.name])).toEqual([['contacts', '10002', 'Jane Doe'], ['companies', '20002', 'Example Corp']]);
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

// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IntegrationSummary } from '@@/shared/protocol/flows';
import type { IntegrationSearch } from '@/lib/flows-api';
import { detail } from '../fixtures';
import { allByTestId, byTestId, choose, mount, settle, type, waitFor } from '../testing';
import { IntegrationsPage } from './IntegrationsPage';

const api = vi.hoisted(() => ({ integrations: vi.fn() }));
vi.mock('@/lib/flows-api', () => ({ flowsApi: api }));

const summary = (id: string, name: string, labels: string[], category: string): IntegrationSummary => {
  const { draft: _draft, versions: _versions, instances: _instances, ...rest } = detail({ id, name, labels, category });
  return rest;
};
const everything = [summary('a', 'Urgent bugs', ['github', 'slack'], 'Engineering'), summary('b', 'Deals won', ['hubspot'], 'Sales'), summary('c', 'Ops pager', ['ops'], '')];

/** A promise the test resolves when it chooses, to make answers cross. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let view: ReturnType<typeof mount>;
const searches = () => api.integrations.mock.calls.map(([search]) => search as IntegrationSearch | undefined).filter((s) => s !== undefined);
const names = () => allByTestId(view.root, 'integration-open').map((a) => a.textContent);

beforeEach(() => {
  api.integrations.mockReset();
  api.integrations.mockImplementation(async (search?: IntegrationSearch) => ({ integrations: search ? everything.filter((i) => i.name.toLowerCase().includes(search.q ?? '')) : everything }));
  view = mount(<IntegrationsPage />);
});
afterEach(() => view.unmount());

describe('the integrations list', () => {
  it('asks the server for what was typed once typing pauses, not for each key', async () => {
    await waitFor(() => expect(names()).toEqual(['Urgent bugs', 'Deals won', 'Ops pager']));
    for (const text of ['u', 'ur', 'urg', 'urgent']) await type(byTestId(view.root, 'integration-search'), text);
    await waitFor(() => expect(searches()).toEqual([{ q: 'urgent', label: '', category: '' }]));
    await waitFor(() => expect(names()).toEqual(['Urgent bugs']));
    // The keys before the pause were never sent: the one search above is all there is.
    expect(api.integrations).toHaveBeenCalledTimes(2);
  });

  it('of two answers that cross, shows the one to the latest search', async () => {
    await waitFor(() => expect(names()).toHaveLength(3));
    const slow = later<{ integrations: IntegrationSummary[] }>();
    const fast = later<{ integrations: IntegrationSummary[] }>();
    api.integrations.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise);
    await type(byTestId(view.root, 'integration-search'), 'deals');
    await waitFor(() => expect(searches()).toHaveLength(1));
    await type(byTestId(view.root, 'integration-search'), 'ops');
    await waitFor(() => expect(searches()).toHaveLength(2));
    fast.resolve({ integrations: [everything[2]!] });
    await waitFor(() => expect(names()).toEqual(['Ops pager']));
    slow.resolve({ integrations: [everything[1]!] });
    await slow.promise;
    await settle();
    expect(names()).toEqual(['Ops pager']);
  });

  it('filters by label and category, offered from the integrations there are, and names the search when nothing matches', async () => {
    await waitFor(() => expect(names()).toHaveLength(3));
    expect([...(byTestId(view.root, 'integration-label') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'github', 'hubspot', 'ops', 'slack']);
    expect([...(byTestId(view.root, 'integration-category') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'Engineering', 'Sales']);
    api.integrations.mockResolvedValue({ integrations: [] });
    await choose(byTestId(view.root, 'integration-label'), 'ops');
    await choose(byTestId(view.root, 'integration-category'), 'Sales');
    await type(byTestId(view.root, 'integration-search'), 'pager');
    await waitFor(() => expect(searches().at(-1)).toEqual({ q: 'pager', label: 'ops', category: 'Sales' }));
    await waitFor(() => expect(byTestId(view.root, 'integrations-no-match')?.textContent).toBe('No integration matches “pager” labelled “ops” in the category “Sales”.'));
  });
});

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../db';
import { session } from '../settings';
import { manualFlowsKey, startFlows } from './background-flows';
import { eventFlow, instance, manualFlow } from './testing';

/**
 * The background's manual flows: `GET /api/instances` read into the cache, answered per
 * place, and the context menu rebuilt from each good read.
 */

const fetchMock = vi.fn<typeof fetch>();
let menu: { id: string; title: string; contexts: string[]; enabled?: boolean }[];

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  vi.stubGlobal('fetch', fetchMock);
  fetchMock.mockReset();
  await session.setValue({ token: 'tok', user: { id: 'u1', email: 'ada@example.com', workspaceId: 'w1' } });
  // The fake browser has no context menus: these keep what a build leaves, as Chrome would.
  menu = [];
  vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(async () => void (menu = []));
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation((item) => {
    menu.push({ id: String(item.id), title: String(item.title), contexts: item.contexts as string[], ...(item.enabled === undefined ? {} : { enabled: item.enabled }) });
    return String(item.id);
  });
});
afterEach(() => vi.unstubAllGlobals());

const answer = (instances: unknown[]) => fetchMock.mockResolvedValue(Response.json({ instances }));

describe('manual flows in the background', () => {
  it('reads the instances, answers each place with its flows, and caches them', async () => {
    answer([
      instance('i1', [manualFlow('escalate', ['github.issue']), eventFlow('on-open'), manualFlow('triage', ['selection', 'link'], null, 'Triage')], { name: 'Support' }),
      instance('i2', [manualFlow('off', ['github.issue'])], { status: 'disabled' }),
    ]);
    const flows = startFlows();
    const issue = await flows.forPlace('github.issue', true);
    expect(fetchMock).toHaveBeenCalledWith('http://localhost:8787/api/instances', expect.objectContaining({ method: 'GET' }));
    expect(issue.error).toBeNull();
    expect(issue.data?.map((f) => [f.flowId, f.unavailable?.state ?? null])).toEqual([['escalate', null], ['off', 'disabled']]);
    // From the cache, with no second request.
    expect((await flows.forPlace('popup', false)).data?.map((f) => f.flowId)).toEqual(['escalate', 'triage', 'off']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((await db.lookups.get(manualFlowsKey))?.value).toHaveLength(3);
  });

  it('rebuilds the context menu from each read: the compose entries, then one per flow and place', async () => {
    answer([instance('i1', [manualFlow('triage', ['selection', 'link'], null, 'Triage')], { name: 'Support' })]);
    const flows = startFlows();
    await flows.refresh();
    expect(menu.slice(5)).toEqual([
      { id: 'flow:selection:i1:triage', title: 'Run “Triage (Support)” on the selection', contexts: ['selection'], enabled: true },
      { id: 'flow:link:i1:triage', title: 'Run “Triage (Support)” on this link', contexts: ['link'], enabled: true },
    ]);
    expect(menu.slice(0, 5).map((m) => m.id)).toEqual(['issue-from-selection', 'slack', 'find-in-hubspot', 'add-contact', 'issue-from-link']);

    // Weft paused the instance (its connection expired): its entries stay, greyed out, saying so.
    answer([instance('i1', [manualFlow('triage', ['selection', 'link'], null, 'Triage')], { name: 'Support', status: 'paused', statusReason: 'Slack (Team) expired: reconnect it to resume this flow.' })]);
    await flows.refresh();
    expect(menu.slice(5)).toEqual([
      { id: 'flow:selection:i1:triage', title: 'Run “Triage (Support)” on the selection (paused)', contexts: ['selection'], enabled: false },
      { id: 'flow:link:i1:triage', title: 'Run “Triage (Support)” on this link (paused)', contexts: ['link'], enabled: false },
    ]);
    // Deleted: its entries go with the next read.
    answer([]);
    await flows.refresh();
    expect(menu.map((m) => m.id)).toEqual(['issue-from-selection', 'slack', 'find-in-hubspot', 'add-contact', 'issue-from-link']);
  });

  it('tells whoever listens when a read changed the list, once the cache holds it, and not when it did not', async () => {
    const told: unknown[] = [];
    const flows = startFlows({ onChange: () => void db.lookups.get(manualFlowsKey).then((row) => told.push(row?.value)) });
    answer([instance('i1', [manualFlow('escalate', ['github.issue'])])]);
    await flows.refresh();
    await vi.waitFor(() => expect(told).toHaveLength(1));
    expect((told[0] as { flowId: string }[]).map((f) => f.flowId)).toEqual(['escalate']);
    // The same list again (a panel's own refresh): nobody is told, so no panel asks again in a loop.
    await flows.refresh();
    await flows.forPlace('github.issue', true);
    // A change (deployed elsewhere): told again.
    answer([instance('i1', [manualFlow('escalate', ['github.issue'])]), instance('i2', [manualFlow('triage', ['selection'])])]);
    await flows.refresh();
    await vi.waitFor(() => expect(told).toHaveLength(2));
    expect((told[1] as unknown[]).length).toBe(2);
  });

  it('a failed read keeps the cached flows and the menu, and says why', async () => {
    answer([instance('i1', [manualFlow('escalate', ['github.issue', 'selection'])])]);
    const flows = startFlows();
    await flows.refresh();
    const built = [...menu];
    fetchMock.mockResolvedValue(Response.json({ error: { code: 'database_unavailable', message: 'Not ready: the database cannot be reached.' } }, { status: 503 }));
    const after = await flows.forPlace('github.issue', true);
    expect(after.data?.map((f) => f.flowId)).toEqual(['escalate']);
    expect(after.error).toEqual({ code: 'database_unavailable', message: 'Not ready: the database cannot be reached.' });
    expect(menu).toEqual(built);
  });

  it('signed out: no flow of the last account stays in the menu', async () => {
    answer([instance('i1', [manualFlow('escalate', ['selection'])])]);
    const flows = startFlows();
    await flows.refresh();
    expect(menu).toHaveLength(6);
    await flows.forget();
    expect(menu).toHaveLength(5);
  });
});

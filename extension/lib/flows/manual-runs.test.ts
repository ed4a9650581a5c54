import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onContextMenuClick } from '../context-menus/context-menus';
import { db } from '../db';
import { listenToNotificationClicks } from '../notifications/notify';
import { startOutbox } from '../outbox/background-outbox';
import { session } from '../settings';
import { runOutcome } from './run-outcome';
import type { FlowRunRequest, ManualFlow } from './types';

/**
 * A manual run from where a person starts it to the server and back: through the outbox
 * (durable first, sent with its own key, kept while the server cannot be reached), to
 * `POST /api/instances/:id/flows/:flowId/run`, its answer read as started or filtered, a
 * refusal kept with the server's words; from the context menu, the outcome as a notification.
 */

const fetchMock = vi.fn<typeof fetch>();
const owner = 'http://localhost:8787 u1';
const runCalls = () => fetchMock.mock.calls.filter(([url]) => String(url).includes('/run'));
const started = (id: string, input: unknown) =>
  Response.json({
    run: {
      id, instanceId: 'i1', integrationId: 'int1', version: 1, flowId: 'escalate', triggerType: 'manual', trigger: input, eventId: null,
      status: 'running', error: null, rerunOf: null, startedAt: '2026-12-01T01:00:00.000Z', finishedAt: null,
    },
  }, { status: 201 });
const request = (over: Partial<FlowRunRequest> = {}): FlowRunRequest => ({
  instanceId: 'i1', flowId: 'escalate', input: { repo: 'octocat/hello-world', number: 2 }, label: 'Run Escalate', idempotencyKey: 'weft-key-0001', ...over,
});
const item = (id: string) => db.outbox.get(id);
const settle = (id: string) => vi.waitFor(async () => expect(['done', 'failed']).toContain((await item(id))?.status), { timeout: 2_000, interval: 5 });

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('chrome', fakeBrowser);
  fetchMock.mockReset();
  await session.setValue({ token: 'tok', user: { id: 'u1', email: 'ada@example.com', workspaceId: 'w1' } });
});
afterEach(() => vi.unstubAllGlobals());

describe('a manual run through the outbox', () => {
  it('is sent to the run route with its input and its own key, and read as started', async () => {
    fetchMock.mockImplementation(async () => started('run_1', {}));
    const outbox = startOutbox();
    const { id } = await outbox.enqueue(request());
    await settle(id);
    const [[url, init]] = runCalls() as [[string, RequestInit]];
    expect(url).toBe('http://localhost:8787/api/instances/i1/flows/escalate/run');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ input: { repo: 'octocat/hello-world', number: 2 } });
    expect(new Headers(init.headers).get('Idempotency-Key')).toBe('weft-key-0001');
    const done = (await item(id))!;
    expect(done).toMatchObject({ status: 'done', provider: 'weft', action: 'run_flow', run: { instanceId: 'i1', flowId: 'escalate' }, owner });
    expect(runOutcome(done.result)).toEqual({ kind: 'started', runId: 'run_1' });
  });

  it('a filtered firing is an answer too: done, with the server’s reason', async () => {
    fetchMock.mockImplementation(async () => Response.json({ filtered: 'filtered: trigger.number > 100 is false' }));
    const { id } = await startOutbox().enqueue(request());
    await settle(id);
    expect(runOutcome((await item(id))!.result)).toEqual({ kind: 'filtered', reason: 'trigger.number > 100 is false' });
  });

  it('started with the server unreachable, it waits with the reason, then goes once when the server is back', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const outbox = startOutbox();
    const { id } = await outbox.enqueue(request());
    await vi.waitFor(async () => expect((await item(id))?.lastError).toBe("Can't reach the Weft server at http://localhost:8787. Is it running?"), { timeout: 2_000, interval: 5 });
    expect((await item(id))?.status).toBe('queued');
    fetchMock.mockReset();
    fetchMock.mockImplementation(async () => started('run_2', {}));
    await outbox.flush({ force: true });
    expect((await item(id))?.status).toBe('done');
    expect(runCalls()).toHaveLength(1);
    expect(new Headers((runCalls()[0]![1] as RequestInit).headers).get('Idempotency-Key')).toBe('weft-key-0001');
  });

  it('a refusal fails at once with the server’s words, and a notification says so', async () => {
    fetchMock.mockImplementation(async () => Response.json({ error: { code: 'not_found', message: 'That flow was not found.' } }, { status: 404 }));
    const { id } = await startOutbox().enqueue(request());
    await settle(id);
    expect(await item(id)).toMatchObject({ status: 'failed', lastError: 'That flow was not found.' });
    await vi.waitFor(() => expect(fakeBrowser.notifications.getAllCreateOptions()[`outbox-${id}`]).toMatchObject({ title: 'Weft could not: Run Escalate', message: 'That flow was not found.' }));
  });

  it('a disabled instance (409) fails at once too, rather than waiting to be retried', async () => {
    const message = 'This instance is disabled: enable it to run its flows.';
    fetchMock.mockImplementation(async () => Response.json({ error: { code: 'conflict', message } }, { status: 409 }));
    const { id } = await startOutbox().enqueue(request({ idempotencyKey: 'weft-key-0002' }));
    await settle(id);
    expect(await item(id)).toMatchObject({ status: 'failed', lastError: message, attempts: 1 });
  });
});

describe('a run from the context menu', () => {
  const flows: ManualFlow[] = [
    { instanceId: 'i1', instanceName: 'Support', flowId: 'triage', flowName: 'Triage', description: null, from: ['selection', 'link'], inputSchema: null, unavailable: null },
  ];

  it('runs the flow with the selection as input, and tells the outcome as a notification that opens the run', async () => {
    fetchMock.mockImplementation(async () => started('run_7', {}));
    const outbox = startOutbox();
    listenToNotificationClicks();
    const runFlow = vi.fn((r: FlowRunRequest) => outbox.enqueue({ ...r, origin: 'menu' }));
    const clicked = await onContextMenuClick(
      { menuItemId: 'flow:selection:i1:triage', selectionText: '  Export fails for jane@example.com ', pageUrl: 'https://support.example.com/t/42' },
      { title: 'Ticket 42', url: 'https://support.example.com/t/42' },
      { cachedFlows: async () => flows, runFlow },
    );
    expect(runFlow).toHaveBeenCalledWith(expect.objectContaining({
      instanceId: 'i1', flowId: 'triage', label: 'Run Triage (Support) on the selection',
      input: { text: 'Export fails for jane@example.com', pageUrl: 'https://support.example.com/t/42', pageTitle: 'Ticket 42' },
    }));
    const id = (clicked as { runItemId: string }).runItemId;
    await settle(id);
    await vi.waitFor(() => expect(fakeBrowser.notifications.getAllCreateOptions()['flow-run:run_7']).toMatchObject({ title: 'Run Triage (Support) on the selection', message: 'Run started. Click to follow it in the Flows page.' }));
    await fakeBrowser.notifications.onClicked.trigger('flow-run:run_7');
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain(fakeBrowser.runtime.getURL('/flows.html#/runs/run_7'));
  });

  it('a link: its address; a javascript: link runs nothing', async () => {
    const runFlow = vi.fn(async () => ({ id: 'x' }));
    const options = { cachedFlows: async () => flows, runFlow };
    await onContextMenuClick({ menuItemId: 'flow:link:i1:triage', linkUrl: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/' }, { title: 'News' }, options);
    expect(runFlow).toHaveBeenCalledWith(expect.objectContaining({ input: { url: 'https://status.example.com/incidents/7', pageUrl: 'https://news.example.com/', pageTitle: 'News' } }));
    expect(await onContextMenuClick({ menuItemId: 'flow:link:i1:triage', linkUrl: 'javascript:alert(1)' }, undefined, options)).toBeNull();
    expect(runFlow).toHaveBeenCalledTimes(1);
  });
});

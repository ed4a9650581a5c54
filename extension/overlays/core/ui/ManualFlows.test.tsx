// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Fresh } from '@/lib/context/types';
import type { FlowRunRequest, ManualFlow, ManualPlace } from '@/lib/flows/types';
import type { OutboxItemView } from '@/lib/outbox/types';
import { ManualFlows } from './ManualFlows';

const bg = vi.hoisted(() => ({
  flows: [] as ManualFlow[],
  manualFlows: vi.fn(),
  runFlow: vi.fn<(request: FlowRunRequest) => Promise<{ id: string }>>(),
  openFlowRun: vi.fn<(runId: string) => Promise<void>>(),
  watchers: new Map<string, (item: OutboxItemView) => void>(),
  flowWatchers: new Set<() => void>(),
}));
vi.mock('../background', () => ({
  background: {
    manualFlows: bg.manualFlows,
    runFlow: bg.runFlow,
    openFlowRun: bg.openFlowRun,
    outboxItems: async () => [],
  },
  watchManualFlows: (onChange: () => void) => {
    bg.flowWatchers.add(onChange);
    return () => bg.flowWatchers.delete(onChange);
  },
  watchOutboxItem: (id: string, onChange: (item: OutboxItemView) => void) => {
    bg.watchers.set(id, onChange);
    return () => bg.watchers.delete(id);
  },
}));

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 2_000, interval: 5 });
const all = (sel: string) => [...document.body.querySelectorAll<HTMLElement>(sel)];
const flow = (flowId: string, from: string[], flowName = `Flow ${flowId}`): ManualFlow => ({ instanceId: 'i1', instanceName: 'Support', flowId, flowName, description: null, from, inputSchema: null, unavailable: null });
const input = { repo: 'octocat/hello-world', number: 2, title: 'Export fails', url: 'https://github.com/octocat/hello-world/issues/2' };

/** A click as Chromium reports it: `detail` counts the clicks of a burst; a script's `click()` is not trusted. */
function clickOn(el: HTMLElement, { trusted = true, detail = 1 } = {}) {
  const click = new MouseEvent('click', { bubbles: true, cancelable: true, detail });
  Object.defineProperty(click, 'isTrusted', { value: trusted });
  el.dispatchEvent(click);
}
const runButton = () => all('[data-testid="weft-flow-run"]')[0]!;
const view = (id: string, status: OutboxItemView['status'], extra: Partial<OutboxItemView> = {}): OutboxItemView => ({
  id, status, label: 'Run', attempts: 1, lastError: null, nextAttemptAt: null, provider: 'weft', action: 'run_flow', ...extra,
});

beforeEach(() => {
  bg.manualFlows.mockReset();
  bg.manualFlows.mockImplementation(async (place: ManualPlace): Promise<Fresh<ManualFlow[]>> => ({
    data: bg.flows.filter((f) => f.from.includes(place)), fetchedAt: 1, error: null,
  }));
  bg.runFlow.mockReset();
  bg.runFlow.mockResolvedValue({ id: 'item-1' });
  bg.openFlowRun.mockReset();
  bg.watchers.clear();
  bg.flows = [flow('escalate', ['github.issue'], 'Escalate'), flow('triage', ['selection'])];
});
afterEach(() => render(null, document.body));

describe('ManualFlows on a panel', () => {
  it('shows a button per flow meant for this page, and nothing when none is', async () => {
    render(<ManualFlows place="github.issue" input={() => input} />, document.body);
    await waitFor(() => expect(all('[data-testid="weft-flow-run"]').map((b) => b.textContent)).toEqual(['▶ Escalate (Support)']));
    render(<ManualFlows place="hubspot.record" input={() => input} />, document.body);
    await waitFor(() => expect(bg.manualFlows).toHaveBeenCalledWith('hubspot.record', true));
    expect(all('[data-testid="weft-flows"]')).toEqual([]);
  });

  it('a person’s click runs the flow once with the page’s entity; a script’s click, the rest of a double click and clicks while it is sent run nothing', async () => {
    render(<ManualFlows place="github.issue" input={() => input} />, document.body);
    await waitFor(() => expect(runButton()).toBeTruthy());
    clickOn(runButton(), { trusted: false });
    expect(bg.runFlow).not.toHaveBeenCalled();

    clickOn(runButton());
    clickOn(runButton(), { detail: 2 });
    clickOn(runButton());
    await waitFor(() => expect(bg.watchers.has('item-1')).toBe(true));
    expect(bg.runFlow).toHaveBeenCalledTimes(1);
    expect(bg.runFlow).toHaveBeenCalledWith({ instanceId: 'i1', flowId: 'escalate', input, label: 'Run Escalate (Support)', idempotencyKey: expect.stringMatching(/^weft-/) });
    expect(runButton().hasAttribute('disabled')).toBe(true);
  });

  it('says where the run stands: waiting with the reason, started with a link to the run, filtered with why, failed with the server’s words', async () => {
    render(<ManualFlows place="github.issue" input={() => input} />, document.body);
    await waitFor(() => expect(runButton()).toBeTruthy());
    const state = () => all('[data-testid="weft-flow-state"]')[0]?.textContent;

    clickOn(runButton());
    await waitFor(() => expect(bg.watchers.has('item-1')).toBe(true));
    bg.watchers.get('item-1')!(view('item-1', 'queued', { lastError: "Can't reach the Weft server at http://localhost:8787. Is it running?" }));
    await waitFor(() => expect(state()).toBe("Queued: Can't reach the Weft server at http://localhost:8787. Is it running? Weft will retry."));

    bg.watchers.get('item-1')!(view('item-1', 'done', { result: { run: { id: 'run_9' } } }));
    await waitFor(() => expect(state()).toBe('Run started. View run'));
    clickOn(all('[data-testid="weft-flow-run-link"]')[0]!, { trusted: false });
    expect(bg.openFlowRun).not.toHaveBeenCalled();
    clickOn(all('[data-testid="weft-flow-run-link"]')[0]!);
    expect(bg.openFlowRun).toHaveBeenCalledWith('run_9');

    // Once settled, a new click is a new run.
    bg.runFlow.mockResolvedValue({ id: 'item-2' });
    await waitFor(() => expect(runButton().hasAttribute('disabled')).toBe(false));
    clickOn(runButton());
    await waitFor(() => expect(bg.watchers.has('item-2')).toBe(true));
    bg.watchers.get('item-2')!(view('item-2', 'done', { result: { filtered: 'filtered: trigger.number > 100 is false' } }));
    await waitFor(() => expect(state()).toBe('Not run (filtered): trigger.number > 100 is false'));

    bg.runFlow.mockResolvedValue({ id: 'item-3' });
    await waitFor(() => expect(runButton().hasAttribute('disabled')).toBe(false));
    clickOn(runButton());
    await waitFor(() => expect(bg.watchers.has('item-3')).toBe(true));
    bg.watchers.get('item-3')!(view('item-3', 'failed', { lastError: 'Support is disabled: enable it to run its flows.' }));
    await waitFor(() => expect(state()).toBe('Failed: Support is disabled: enable it to run its flows.'));
  });

  it('follows the background: a flow deployed, then paused, shows at once, disabled with the reason, without a reload', async () => {
    render(<ManualFlows place="github.issue" input={() => input} />, document.body);
    await waitFor(() => expect(all('[data-testid="weft-flow-run"]')).toHaveLength(1));
    bg.flows = [...bg.flows, flow('notify', ['github.issue'], 'Notify')];
    for (const watcher of bg.flowWatchers) watcher();
    await waitFor(() => expect(all('[data-testid="weft-flow-run"]').map((b) => b.textContent)).toEqual(['▶ Escalate (Support)', '▶ Notify (Support)']));

    const reason = 'Paused: Slack (Team) expired: reconnect it to resume this flow.';
    bg.flows = bg.flows.map((f) => ({ ...f, unavailable: { state: 'paused' as const, reason } }));
    for (const watcher of bg.flowWatchers) watcher();
    await waitFor(() => expect(all('[data-testid="weft-flow-unavailable"]').map((p) => p.textContent)).toEqual([reason, reason]));
    // Still listed, but a click runs nothing.
    expect(all('[data-testid="weft-flow-run"]').every((b) => b.hasAttribute('disabled'))).toBe(true);
    clickOn(runButton());
    expect(bg.runFlow).not.toHaveBeenCalled();
    expect(runButton().getAttribute('aria-describedby')).toBe(all('[data-testid="weft-flow-unavailable"]')[0]!.id);
  });
});

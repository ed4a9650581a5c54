// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowRunDetail, FlowRunStep } from '@@/shared/protocol/flow-runs';
import { allByTestId, byTestId, choose, click, mount, waitFor } from '../testing';
import { RunPage } from './RunPage';

const api = vi.hoisted(() => ({ run: vi.fn(), rerun: vi.fn() }));
vi.mock('@/lib/flow-runs-api', () => ({ flowRunsApi: api }));

const step = (key: string, seq: number, patch: Partial<FlowRunStep>): FlowRunStep => ({
  key, stepId: key, seq, status: 'succeeded', input: null, output: null, outputTruncated: false, outputHash: null, error: null, attempts: 1,
  startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:00.250Z', ...patch,
});
const failedRun: FlowRunDetail = {
  id: 'run1', instanceId: 'i1', integrationId: 'int1', version: 2, flowId: 'urgent-bug', triggerType: 'event', trigger: { issue: { title: '<img src=x onerror=alert(1)>' } },
  eventId: 7, status: 'failed', error: 'Step notify failed.', rerunOf: null, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:03.000Z',
  steps: [
    step('find', 1, { input: { repo: 'acme/app' }, output: { total: 1 } }),
    step('notify', 2, { status: 'failed', attempts: 3, input: { channel: 'C1', text: 'New urgent bug: <img src=x onerror=alert(1)>' }, error: 'Slack said: channel_not_found <script>x</script>' }),
  ],
};

let view: ReturnType<typeof mount>;
beforeEach(() => {
  location.hash = '';
  api.run.mockResolvedValue(failedRun);
  api.rerun.mockReset();
  view = mount(<RunPage id="run1" />);
});
afterEach(() => view.unmount());

describe('a run’s page', () => {
  it('shows each step’s status, attempts, error and input, as text', async () => {
    await waitFor(() => expect(allByTestId(view.root, 'run-step')).toHaveLength(2));
    const [find, notify] = allByTestId(view.root, 'run-step');
    expect(byTestId(find!, 'run-step-status')?.textContent).toBe('Succeeded');
    expect(byTestId(notify!, 'run-step-attempts')?.textContent).toBe('3 attempts');
    expect(byTestId(notify!, 'run-step-error')?.textContent).toBe('Slack said: channel_not_found <script>x</script>');
    expect(byTestId(notify!, 'run-step-input')?.textContent).toContain('"text": "New urgent bug: <img src=x onerror=alert(1)>"');
    expect(view.root.querySelector('img, script')).toBeNull();
  });

  it('shows a large trigger payload closed, as a summary, then its first 2 KB as text with “Show all”', async () => {
    const comments = Array.from({ length: 2_000 }, (_, i) => ({ id: i, body: `<b>comment ${i}</b>`, token: '[redacted]' }));
    api.run.mockResolvedValue({ ...failedRun, trigger: { action: 'opened', issue: { title: '<img src=x onerror=alert(1)>' }, comments } });
    view.unmount();
    view = mount(<RunPage id="run1" />);
    await waitFor(() => expect(byTestId(view.root, 'run-trigger')).not.toBeNull());
    const block = byTestId(view.root, 'run-trigger') as HTMLDetailsElement;
    expect(block.open).toBe(false);
    const whole = JSON.stringify({ action: 'opened', issue: { title: '<img src=x onerror=alert(1)>' }, comments }, null, 2);
    const kb = `${Math.round(new TextEncoder().encode(whole).length / 1024)} KB`;
    expect(byTestId(block, 'run-trigger-summary')?.textContent).toBe(`3 fields: action, issue, comments · ${kb}`);
    // Only the start of it is in the page: about 2 KB, not the whole payload.
    const text = byTestId(block, 'run-trigger-text')!.textContent!;
    expect(text.length).toBeLessThan(2_200);
    expect(text).toContain('"title": "<img src=x onerror=alert(1)>"');
    expect(text).toContain('"token": "[redacted]"');
    expect(byTestId(block, 'run-trigger-all')?.textContent).toBe(`Show all (${kb})`);
    await click(byTestId(block, 'run-trigger-all'));
    expect(byTestId(block, 'run-trigger-text')?.textContent).toBe(whole);
    expect(byTestId(block, 'run-trigger-all')).toBeNull();
    // Text, never markup; redacted values stay redacted.
    expect(view.root.querySelector('img, b, script')).toBeNull();
    expect(byTestId(block, 'run-trigger-text')?.textContent?.match(/\[redacted\]/g)).toHaveLength(2_000);
  });

  it('shows a step’s long output the same way', async () => {
    const output = { messages: Array.from({ length: 500 }, (_, i) => ({ ts: `${i}.000`, text: `message ${i}` })) };
    api.run.mockResolvedValue({ ...failedRun, steps: [step('find', 1, { input: { q: 'x' }, output })] });
    view.unmount();
    view = mount(<RunPage id="run1" />);
    await waitFor(() => expect(byTestId(view.root, 'run-step-output')).not.toBeNull());
    const block = byTestId(view.root, 'run-step-output')!;
    expect(byTestId(block, 'run-step-output-summary')?.textContent).toMatch(/^1 field: messages · \d+ KB$/);
    expect(byTestId(block, 'run-step-output-text')!.textContent!.length).toBeLessThan(2_200);
    expect(byTestId(block, 'run-step-output-all')?.textContent).toMatch(/^Show all \(\d+ KB\)$/);
    // A short input is whole, with nothing more to show.
    expect(byTestId(view.root, 'run-step-input-text')?.textContent).toBe('{\n  "q": "x"\n}');
    expect(byTestId(view.root, 'run-step-input-all')).toBeNull();
  });

  it('re-runs from the failed step by default, or from the step chosen, and opens the new run', async () => {
    await waitFor(() => expect(byTestId(view.root, 'rerun-from')).not.toBeNull());
    expect((byTestId(view.root, 'rerun-from') as HTMLSelectElement).value).toBe('notify');
    api.rerun.mockResolvedValue({ run: { ...failedRun, id: 'run2', rerunOf: 'run1' } });
    await click(byTestId(view.root, 'rerun-submit'));
    await waitFor(() => expect(location.hash).toBe('#/runs/run2'));
    expect(api.rerun).toHaveBeenCalledWith('run1', 'notify');
    await choose(byTestId(view.root, 'rerun-from'), 'find');
    await click(byTestId(view.root, 'rerun-submit'));
    await waitFor(() => expect(api.rerun).toHaveBeenLastCalledWith('run1', 'find'));
  });
});

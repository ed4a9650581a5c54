// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowRun } from '@@/shared/protocol/flow-runs';
import { instance } from '../fixtures';
import { allByTestId, byTestId, choose, click, mount, waitFor } from '../testing';
import { RunsPanel } from './RunsPanel';

const api = vi.hoisted(() => ({ runs: vi.fn(), filtered: vi.fn() }));
vi.mock('@/lib/flow-runs-api', () => ({ flowRunsApi: api }));

const run = (id: string, status: FlowRun['status']): FlowRun => ({
  id, instanceId: 'i1', integrationId: 'int1', version: 1, flowId: 'urgent-bug', triggerType: 'event', trigger: {}, eventId: 1, status,
  error: status === 'failed' ? 'Step notify failed: channel_not_found' : null, rerunOf: null, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z',
});

let view: ReturnType<typeof mount>;
beforeEach(() => {
  api.runs.mockReset();
  api.filtered.mockResolvedValue({ filtered: [{ id: 1, instanceId: 'i1', flowId: 'urgent-bug', triggerType: 'event', eventId: 9, reason: 'filtered: trigger.issue.labels.exists(…) was false', at: '2026-01-01T00:00:00.000Z' }], next: null });
});
afterEach(() => view.unmount());

describe('run history', () => {
  it('lists the instance’s runs newest first with Older, by status, and the filtered firings with their reason', async () => {
    api.runs.mockImplementation(async (q: { after?: string; status?: string }) =>
      q.status === 'failed' ? { runs: [run('r3', 'failed')], next: null } : q.after ? { runs: [run('r1', 'succeeded')], next: null } : { runs: [run('r3', 'failed'), run('r2', 'succeeded')], next: 'c1' },
    );
    view = mount(<RunsPanel instances={[instance('i1', 'Acme')]} />);
    const ids = () => allByTestId(view.root, 'run-row').map((r) => r.dataset.runId);
    await waitFor(() => expect(ids()).toEqual(['r3', 'r2']));
    expect(api.runs).toHaveBeenCalledWith({ instance: 'i1', status: undefined, after: undefined, limit: 50 });
    expect(allByTestId(view.root, 'run-row')[0]!.textContent).toContain('Step notify failed: channel_not_found');
    await click(byTestId(view.root, 'runs-older'));
    await waitFor(() => expect(ids()).toEqual(['r3', 'r2', 'r1']));
    expect(byTestId(view.root, 'runs-older')).toBeNull();
    await choose(byTestId(view.root, 'runs-status'), 'failed');
    await waitFor(() => expect(ids()).toEqual(['r3']));
    await waitFor(() => expect(byTestId(view.root, 'filtered-reason')?.textContent).toBe('filtered: trigger.issue.labels.exists(…) was false'));
  });

  it('says so when the integration is not deployed', () => {
    view = mount(<RunsPanel instances={[]} />);
    expect(byTestId(view.root, 'runs-no-instance')).not.toBeNull();
  });
});

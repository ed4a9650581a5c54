// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { allByTestId, byTestId, click, mount } from '@/flows/testing';
import type { ManualFlow } from '@/lib/flows/types';
import { RunFlowSection } from './RunFlowSection';

const state = vi.hoisted(() => ({ flows: [] as ManualFlow[] }));
vi.mock('./use-manual-flows', () => ({ useManualFlows: () => ({ flows: state.flows, error: null }) }));
vi.mock('./RunFlowForm', () => ({ RunFlowForm: () => <form data-testid="run-flow-form" /> }));

const flow = (flowId: string, unavailable: ManualFlow['unavailable'] = null): ManualFlow => ({
  instanceId: 'i1', instanceName: 'Support', flowId, flowName: flowId, description: null, from: [], inputSchema: null, unavailable,
});

let view: ReturnType<typeof mount>;
afterEach(() => view.unmount());

it('lists a paused instance’s flow greyed out with the reason, and opens no form for it', async () => {
  const reason = 'Paused: Slack (Team) expired: reconnect it to resume this flow.';
  state.flows = [flow('announce'), flow('escalate', { state: 'paused', reason })];
  view = mount(<RunFlowSection />);
  const [announce, escalate] = allByTestId(view.root, 'run-flow');
  expect(byTestId(escalate!, 'run-flow-unavailable')?.textContent).toBe(reason);
  expect((byTestId(escalate!, 'run-flow-toggle') as HTMLButtonElement).disabled).toBe(true);
  expect(byTestId(announce!, 'run-flow-unavailable')).toBeNull();
  await click(byTestId(escalate!, 'run-flow-toggle'));
  expect(byTestId(view.root, 'run-flow-form')).toBeNull();
  await click(byTestId(announce!, 'run-flow-toggle'));
  expect(byTestId(announce!, 'run-flow-form')).not.toBeNull();
});

import { describe, expect, it } from 'vitest';
import { flowsFor, flowTitle, manualFlows } from './manual-flows';
import { eventFlow, instance, manualFlow } from './testing';

const instances = [
  instance('i1', [manualFlow('escalate', ['github.issue', 'github.pull']), eventFlow('on-open'), manualFlow('triage', ['github.issue', 'selection'])], { name: 'Support' }),
  instance('i2', [manualFlow('note', ['hubspot.record', 'link'])], { name: 'CRM notes' }),
  instance('i3', [manualFlow('off', ['github.issue'])], { status: 'disabled' }),
  instance('i4', [manualFlow('waiting', ['github.issue'])], { status: 'paused', statusReason: 'GitHub expired: reconnect it to resume.' }),
  instance('i5', [manualFlow('popup-only', [])]),
];
const ids = (flows: { instanceId: string; flowId: string }[]) => flows.map((f) => `${f.instanceId}/${f.flowId}`);

describe('manualFlows', () => {
  it('lists the manual flows of every instance, with what the forms and menus need', () => {
    const flows = manualFlows(instances);
    expect(ids(flows)).toEqual(['i1/escalate', 'i1/triage', 'i2/note', 'i3/off', 'i4/waiting', 'i5/popup-only']);
    expect(flows[0]).toEqual({
      instanceId: 'i1', instanceName: 'Support', flowId: 'escalate', flowName: 'Flow escalate', description: null, from: ['github.issue', 'github.pull'], inputSchema: null, unavailable: null,
    });
  });

  it('keeps a paused or disabled instance’s flows, marked unavailable with the reason to show', () => {
    const byId = new Map(manualFlows(instances).map((f) => [f.flowId, f.unavailable]));
    expect(byId.get('waiting')).toEqual({ state: 'paused', reason: 'Paused: GitHub expired: reconnect it to resume.' });
    expect(byId.get('off')).toEqual({ state: 'disabled', reason: 'Disabled: turn it on in the Flows page to run it.' });
    expect(byId.get('escalate')).toBeNull();
  });
});

describe('flowsFor', () => {
  const flows = manualFlows(instances);
  it('matches a page kind, a selection or a link to the flows whose `from` names it', () => {
    expect(ids(flowsFor(flows, 'github.issue'))).toEqual(['i1/escalate', 'i1/triage', 'i3/off', 'i4/waiting']);
    expect(ids(flowsFor(flows, 'github.pull'))).toEqual(['i1/escalate']);
    expect(ids(flowsFor(flows, 'hubspot.record'))).toEqual(['i2/note']);
    expect(ids(flowsFor(flows, 'selection'))).toEqual(['i1/triage']);
    expect(ids(flowsFor(flows, 'link'))).toEqual(['i2/note']);
  });

  it('offers every manual flow in the popup, `from` or not', () => {
    expect(ids(flowsFor(flows, 'popup'))).toEqual(['i1/escalate', 'i1/triage', 'i2/note', 'i3/off', 'i4/waiting', 'i5/popup-only']);
  });
});

describe('flowTitle', () => {
  it('names the instance when it says more than the flow', () => {
    expect(flowTitle({ flowName: 'Escalate', instanceName: 'Support' })).toBe('Escalate (Support)');
    expect(flowTitle({ flowName: 'Escalate', instanceName: 'Escalate' })).toBe('Escalate');
  });
});

import type { FlowInstance } from '@@/shared/protocol/flows';
import type { ManualFlow, ManualPlace } from './types';

/**
 * The manual flows a person can start: those of their active instances (a disabled
 * instance was turned off, a paused one waits for a connection: neither runs), in the
 * order the server listed them.
 *
 * @example manualFlows([{ id: 'i1', name: 'Escalations', status: 'active', flows: [{ id: 'escalate', name: 'Escalate', trigger: { type: 'manual', from: ['github.issue'], inputSchema: null }, … }], … }])
 * // [{instanceId: 'i1', instanceName: 'Escalations', flowId: 'escalate', flowName: 'Escalate', from: ['github.issue'], …}]
 */
export function manualFlows(instances: readonly FlowInstance[]): ManualFlow[] {
  return instances
    .filter((instance) => instance.status === 'active')
    .flatMap((instance) =>
      instance.flows.flatMap((flow) =>
        flow.trigger.type === 'manual'
          ? [
              {
                instanceId: instance.id,
                instanceName: instance.name,
                flowId: flow.id,
                flowName: flow.name,
                description: flow.description,
                from: flow.trigger.from,
                inputSchema: flow.trigger.inputSchema,
              },
            ]
          : [],
      ),
    );
}

/**
 * Those that can be started from `place`: every one from the popup (the document's
 * `from` lists where *besides* the popup), else those whose `from` names the place.
 *
 * @example flowsFor(flows, 'github.pull') // only the flows with 'github.pull' in `from`
 */
export function flowsFor(flows: readonly ManualFlow[], place: ManualPlace): ManualFlow[] {
  return place === 'popup' ? [...flows] : flows.filter((flow) => flow.from.includes(place));
}

/** The label a flow goes by in a list that may hold two instances of one integration: "Escalate (Support escalations)". */
export function flowTitle(flow: Pick<ManualFlow, 'flowName' | 'instanceName'>): string {
  return flow.instanceName && flow.instanceName !== flow.flowName ? `${flow.flowName} (${flow.instanceName})` : flow.flowName;
}

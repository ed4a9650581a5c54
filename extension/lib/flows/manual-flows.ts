import type { FlowInstance } from '@@/shared/protocol/flows';
import type { FlowUnavailable, ManualFlow, ManualPlace } from './types';

/**
 * The manual flows of a person's instances, in the order the server listed them. Those of
 * a paused instance (waiting for a connection) or a disabled one (turned off) are kept,
 * marked `unavailable` with the reason, so the popup, the panels and the menu show them
 * disabled and say why instead of dropping them.
 *
 * @example manualFlows([{ id: 'i1', name: 'Escalations', status: 'active', flows: [{ id: 'escalate', name: 'Escalate', trigger: { type: 'manual', from: ['github.issue'], inputSchema: null }, … }], … }])
 * // [{instanceId: 'i1', instanceName: 'Escalations', flowId: 'escalate', flowName: 'Escalate', from: ['github.issue'], unavailable: null, …}]
 */
export function manualFlows(instances: readonly FlowInstance[]): ManualFlow[] {
  return instances
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
                unavailable: unavailableOf(instance),
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

/**
 * Why an instance's flows cannot run, in words: Weft's own reason for a pause (which names
 * the connection and what to do), or that it was turned off.
 *
 * @example unavailableOf({ status: 'paused', statusReason: 'Slack (Team) expired: reconnect it to resume this flow.' })
 * // {state: 'paused', reason: 'Paused: Slack (Team) expired: reconnect it to resume this flow.'}
 */
export function unavailableOf(instance: Pick<FlowInstance, 'status' | 'statusReason'>): FlowUnavailable | null {
  if (instance.status === 'active') return null;
  if (instance.status === 'paused') return { state: 'paused', reason: instance.statusReason ? `Paused: ${instance.statusReason}` : 'Paused.' };
  return { state: 'disabled', reason: 'Disabled: turn it on in the Flows page to run it.' };
}

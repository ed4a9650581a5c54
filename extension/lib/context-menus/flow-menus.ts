import { flowTitle } from '../flows/manual-flows';
import type { ManualFlow } from '../flows/types';

/** Where a flow's menu entry shows: on a selection or on a link (the document's `from`). */
export type FlowMenuContext = 'selection' | 'link';
export type FlowMenuItem = { id: string; title: string; contexts: [FlowMenuContext] };
export type FlowMenuTarget = { context: FlowMenuContext; instanceId: string; flowId: string };

const prefix = 'flow:';
/** Entries beyond this many are left out: Chrome's menu is no place for a long list. */
export const maxFlowMenuItems = 20;

/**
 * One context-menu entry per manual flow and place it names (`selection`, `link`),
 * titled with the flow's name (Chrome shows titles as text). The id says which flow and
 * which input to build, so a click needs nothing else.
 *
 * @example flowMenuItems([{ instanceId: 'i1', flowId: 'triage', flowName: 'Triage', from: ['selection'], … }])
 * // [{id: 'flow:selection:i1:triage', title: 'Run “Triage” on the selection', contexts: ['selection']}]
 */
export function flowMenuItems(flows: readonly ManualFlow[]): FlowMenuItem[] {
  const items: FlowMenuItem[] = [];
  for (const flow of flows) {
    for (const context of ['selection', 'link'] as const) {
      if (!flow.from.includes(context)) continue;
      // Chrome puts the selected text in place of %s: a name is shown as it is written.
      const name = flowTitle(flow).replaceAll('%s', '% s').slice(0, 120);
      items.push({
        id: `${prefix}${context}:${encodeURIComponent(flow.instanceId)}:${flow.flowId}`,
        title: context === 'selection' ? `Run “${name}” on the selection` : `Run “${name}” on this link`,
        contexts: [context],
      });
    }
  }
  return items.slice(0, maxFlowMenuItems);
}

/** Which flow a menu click is for, or null when the item is not a flow's. */
export function flowMenuTarget(menuItemId: string | number): FlowMenuTarget | null {
  const id = String(menuItemId);
  if (!id.startsWith(prefix)) return null;
  const [context, instanceId, flowId, ...rest] = id.slice(prefix.length).split(':');
  if ((context !== 'selection' && context !== 'link') || !instanceId || !flowId || rest.length) return null;
  return { context, instanceId: decodeURIComponent(instanceId), flowId };
}

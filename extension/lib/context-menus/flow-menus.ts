import { flowTitle } from '../flows/manual-flows';
import type { ManualFlow } from '../flows/types';

/** Where a flow's menu entry shows: on a selection or on a link (the document's `from`). */
export type FlowMenuContext = 'selection' | 'link';
/** `enabled` false: shown greyed out (its instance is paused or disabled), with the state in its title. */
export type FlowMenuItem = { id: string; title: string; contexts: [FlowMenuContext]; enabled: boolean };
export type FlowMenuTarget = { context: FlowMenuContext; instanceId: string; flowId: string };

const prefix = 'flow:';
/** Entries beyond this many are left out: Chrome's menu is no place for a long list. */
export const maxFlowMenuItems = 20;

/**
 * One context-menu entry per manual flow and place it names (`selection`, `link`),
 * titled with the flow's name (Chrome shows titles as text). The id says which flow and
 * which input to build, so a click needs nothing else. A paused or disabled instance's
 * flows stay in the menu, greyed out, "(paused)" or "(disabled)" after the title: the
 * menu has no room for the whole reason, the popup and the panels give it.
 *
 * @example flowMenuItems([{ instanceId: 'i1', flowId: 'triage', flowName: 'Triage', from: ['selection'], … }])
 * // [{id: 'flow:selection:i1:triage', title: 'Run “Triage” on the selection', contexts: ['selection'], enabled: true}]
 */
export function flowMenuItems(flows: readonly ManualFlow[]): FlowMenuItem[] {
  const items: FlowMenuItem[] = [];
  for (const flow of flows) {
    for (const context of ['selection', 'link'] as const) {
      if (!flow.from.includes(context)) continue;
      // Chrome puts the selected text in place of %s: a name is shown as it is written.
      const name = flowTitle(flow).replaceAll('%s', '% s').slice(0, 120);
      const title = context === 'selection' ? `Run “${name}” on the selection` : `Run “${name}” on this link`;
      items.push({
        id: `${prefix}${context}:${encodeURIComponent(flow.instanceId)}:${flow.flowId}`,
        title: flow.unavailable ? `${title} (${flow.unavailable.state})` : title,
        contexts: [context],
        enabled: flow.unavailable === null,
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

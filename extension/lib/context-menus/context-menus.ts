import { browser, storage } from '#imports';
import { selectionInput, linkInput } from '../flows/page-input';
import { flowTitle } from '../flows/manual-flows';
import type { FlowRunRequest, ManualFlow } from '../flows/types';
import { draftFromClick, menuItems, type ClickedTab, type ComposeDraft, type MenuClick } from './draft';
import { flowMenuItems, flowMenuTarget } from './flow-menus';

/**
 * Drafts waiting for their compose window, by id. Session storage: the worker may stop
 * between the click and the window asking for its draft.
 */
export const composeDrafts = storage.defineItem<Record<string, ComposeDraft>>('session:composeDrafts', { fallback: {} });

export type MenuOptions = {
  /** The manual flows as last read (the cache): the menu's flow entries, and a clicked one's name. */
  cachedFlows: () => Promise<ManualFlow[]>;
  /** Sends a run from a flow's entry (through the outbox); the outcome is told as a notification. */
  runFlow: (request: FlowRunRequest) => Promise<{ id: string }>;
};

/**
 * Menus persist across worker restarts; they are (re)built when the extension is
 * installed or updated, and again by `syncMenus` whenever the manual flows are re-read.
 */
export function installContextMenus(options: MenuOptions): void {
  browser.runtime.onInstalled.addListener(() => {
    void (async () => syncMenus(await options.cachedFlows()))();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab, options));
}

let building: Promise<void> = Promise.resolve();

/**
 * The whole menu: the compose entries, then one per manual flow offered on a selection or
 * a link. Rebuilt from scratch (Chrome cannot list what is there), one build at a time.
 */
export function syncMenus(flows: readonly ManualFlow[]): Promise<void> {
  const build = building.then(async () => {
    await browser.contextMenus.removeAll();
    for (const item of menuItems) browser.contextMenus.create({ id: item.id, title: item.title, contexts: item.contexts });
    for (const item of flowMenuItems(flows)) browser.contextMenus.create({ id: item.id, title: item.title, contexts: item.contexts, enabled: item.enabled });
  });
  // The next build waits for this one, whatever became of it.
  building = build.catch(() => undefined);
  return build;
}

/**
 * What a click on a Weft menu item does: a compose entry keeps the draft and opens the
 * small compose window on it; a flow's entry runs the flow with the selection or the link
 * as its input. End-to-end tests reach it the way Chrome does, through `contextMenus.onClicked`.
 */
export async function onContextMenuClick(info: MenuClick, tab: ClickedTab, options: MenuOptions): Promise<{ draftId: string } | { runItemId: string } | null> {
  const target = flowMenuTarget(info.menuItemId);
  if (target) {
    const input = target.context === 'selection' ? selectionInput(info, tab) : linkInput(info, tab);
    if (!input) return null;
    const flow = (await options.cachedFlows()).find((f) => f.instanceId === target.instanceId && f.flowId === target.flowId);
    // A greyed-out entry cannot be clicked; one clicked as the menu was being rebuilt runs nothing.
    if (flow?.unavailable) return null;
    const { id } = await options.runFlow({
      instanceId: target.instanceId,
      flowId: target.flowId,
      input,
      label: `Run ${flow ? flowTitle(flow) : target.flowId} on the ${target.context}`,
      idempotencyKey: `weft-${crypto.randomUUID()}`,
    });
    return { runItemId: id };
  }
  const draft = draftFromClick(info, tab);
  if (!draft) return null;
  const draftId = crypto.randomUUID();
  const drafts = await composeDrafts.getValue();
  // Old drafts of windows closed without sending go; a handful is plenty.
  const kept = Object.entries(drafts).slice(-9);
  await composeDrafts.setValue({ ...Object.fromEntries(kept), [draftId]: draft });
  await browser.windows.create({ url: browser.runtime.getURL(`/compose.html?draft=${draftId}`), type: 'popup', width: 440, height: 600 });
  return { draftId };
}

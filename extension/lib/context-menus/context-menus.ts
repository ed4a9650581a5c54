import { browser, storage } from '#imports';
import { draftFromClick, menuItems, type ClickedTab, type ComposeDraft, type MenuClick } from './draft';

/**
 * Drafts waiting for their compose window, by id. Session storage: the worker may stop
 * between the click and the window asking for its draft.
 */
export const composeDrafts = storage.defineItem<Record<string, ComposeDraft>>('session:composeDrafts', { fallback: {} });

/** Menus persist across worker restarts; they are (re)created when the extension is installed or updated. */
export function installContextMenus(): void {
  browser.runtime.onInstalled.addListener(() => {
    void (async () => {
      await browser.contextMenus.removeAll();
      for (const item of menuItems) browser.contextMenus.create({ id: item.id, title: item.title, contexts: item.contexts });
    })();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onContextMenuClick(info, tab));
}

/**
 * What a click on a Weft menu item does: keep the draft, open the small compose window
 * on it. End-to-end tests reach it the way Chrome does, through `contextMenus.onClicked`.
 */
export async function onContextMenuClick(info: MenuClick, tab: ClickedTab): Promise<{ draftId: string } | null> {
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

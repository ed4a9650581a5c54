import { browser } from '#imports';
import { unreadCount } from '../events/meta';

const badgeColor = '#4f46e5';

/** The toolbar button: `action` in MV3, `browserAction` in Firefox's MV2 (WXT does not alias them). */
function toolbarButton() {
  return browser.action ?? browser.browserAction;
}

/** "3", "99+" or nothing. */
export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

let queue: Promise<void> = Promise.resolve();

/**
 * Shows the stored unread count on the toolbar button. Updates run one after another and
 * each reads the count afresh, so a "mark all read" racing a new event never leaves a
 * stale number behind.
 */
export function refreshBadge(): Promise<void> {
  return show(async () => badgeText(await unreadCount()));
}

/** Signed out: no count, whatever Dexie still holds while it is being cleared. */
export function clearBadge(): Promise<void> {
  return show(async () => '');
}

function show(text: () => Promise<string>): Promise<void> {
  queue = queue
    .then(async () => {
      const value = await text();
      const button = toolbarButton();
      await button.setBadgeText({ text: value });
      if (value) await button.setBadgeBackgroundColor({ color: badgeColor });
    })
    .catch((err: unknown) => console.warn('[weft] badge', err));
  return queue;
}

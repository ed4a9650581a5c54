import type { Page } from 'puppeteer-core';
import type { Stack } from './harness';

/**
 * Clicks a Weft context-menu item the way Chrome does: headless Chromium shows no native
 * menu, so the test fires Chrome's own `contextMenus.onClicked` event in the service
 * worker (`chrome.Event#dispatch` runs every listener the extension added). The production
 * build needs no test hook for this, and has none (see the test beside the menu items).
 * Returns the compose window the click opened.
 */
export async function clickContextMenu(stack: Stack, info: Record<string, string>, tab: { title: string; url: string }): Promise<Page> {
  const before = new Set(stack.browser.targets());
  await stack.worker.evaluate(
    (i: Record<string, string>, t: { title: string; url: string }) => (globalThis as any).chrome.contextMenus.onClicked.dispatch(i, t),
    info,
    tab,
  );
  const target = await stack.browser.waitForTarget((t) => !before.has(t) && t.url().includes('/compose.html?draft='), { timeout: 10_000 });
  return (await target.page())!;
}

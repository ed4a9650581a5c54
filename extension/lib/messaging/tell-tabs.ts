import { browser } from '#imports';
import type { GetDataType } from '@webext-core/messaging';
import { tellPages, type ToPages } from './to-pages';

/** The tabs whose overlays listen to the background: GitHub and HubSpot. */
export const providerTabs = ['https://github.com/*', 'https://app.hubspot.com/*'];

/**
 * Tells the extension's own pages and the overlays of every open GitHub and HubSpot tab
 * (a message without a tab id reaches only the extension's pages). Background only.
 */
export async function tellPagesAndTabs<T extends keyof ToPages>(type: T, data: GetDataType<ToPages[T]>): Promise<void> {
  await tellPages(type, data);
  const tabs = await browser.tabs.query({ url: providerTabs }).catch(() => []);
  for (const tab of tabs) {
    if (tab.id !== undefined) await tellPages(type, data, tab.id);
  }
}

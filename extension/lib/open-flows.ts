import { browser } from '#imports';

/**
 * Opens the Flows page in a tab, or shows the one already open (a second copy would hold
 * a second, diverging draft of the same integration). `hash` picks the screen, e.g. `#/runs/42`.
 */
export async function openFlowsPage(hash = ''): Promise<void> {
  const url = browser.runtime.getURL('/flows.html');
  const [open] = await browser.tabs.query({ url: `${url}*` });
  if (open?.id !== undefined) {
    await browser.tabs.update(open.id, { active: true, ...(hash ? { url: `${url}${hash}` } : {}) });
    if (open.windowId !== undefined) await browser.windows.update(open.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url: `${url}${hash}` });
}

/** The Flows page's screen of one run (as extension/flows/route.ts reads it). */
export const runHash = (runId: string) => `#/runs/${encodeURIComponent(runId)}`;

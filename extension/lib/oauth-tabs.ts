import { browser } from '#imports';
import { oauthResultPath } from '@@/shared/protocol';
import { api } from './api';
import { failure, type BackgroundResult, type StartOAuthRequest } from './messaging';
import { decideOAuthTab } from './oauth-result';
import { lastOAuthOutcome, pendingOAuthTabs, serverUrl, type OAuthOutcomeRecord, type PendingOAuth } from './settings';

/**
 * The background's side of OAuth: open the consent page in a tab, then follow that tab
 * until the server lands it on `/oauth/result`. The popup cannot do this itself: it
 * closes the moment the new tab takes focus.
 *
 * @example
 * const oauthTabs = createOAuthTabs(async (outcome) => refreshAndTellThePopup(outcome));
 * oauthTabs.listen(); // synchronously, in the background's main
 * onMessage('startOAuth', ({ data }) => oauthTabs.start(data));
 */
export function createOAuthTabs(finished: (outcome: OAuthOutcomeRecord) => Promise<void>) {
  /**
   * Results are handled one at a time: `onUpdated` fires several times for one page, and
   * two handlers racing on the same tab would both see it pending.
   */
  let queue = Promise.resolve();

  function onNavigated(tabId: number, url: string): Promise<void> {
    // Every update of every tab lands here; most are dismissed without touching storage.
    if (!url.includes(oauthResultPath)) return queue;
    queue = queue.then(() => finish(tabId, url)).catch((err: unknown) => console.warn('[weft] OAuth tab', err));
    return queue;
  }

  async function finish(tabId: number, url: string): Promise<void> {
    const pending = (await pendingOAuthTabs.getValue())[String(tabId)];
    if (!pending) return;
    const decision = decideOAuthTab(url, await serverUrl.getValue(), pending);
    if (decision.action === 'wait') return;
    await forget(tabId);
    await lastOAuthOutcome.setValue(decision.outcome);
    // On failure the tab stays: the server's page explains what happened and what to do.
    if (decision.closeTab) await browser.tabs.remove(tabId).catch(() => undefined);
    await finished(decision.outcome);
  }

  return {
    /** Registered synchronously in `main`, so these events wake a stopped service worker. */
    listen(): void {
      browser.tabs.onUpdated.addListener((tabId, change, tab) => {
        const url = change.url ?? (change.status === 'complete' ? tab.url : undefined);
        if (url) void onNavigated(tabId, url);
      });
      browser.tabs.onRemoved.addListener((tabId) => void forget(tabId));
    },

    async start(request: StartOAuthRequest): Promise<BackgroundResult> {
      try {
        const body = { name: request.name, connectionId: request.connectionId };
        const { url } = await api.authorize(request.provider, body);
        await lastOAuthOutcome.setValue(null);
        const tab = await browser.tabs.create({ url });
        if (tab.id === undefined) return { ok: true };
        await remember(tab.id, { provider: request.provider, connectionId: request.connectionId, startedAt: Date.now() });
        // A provider that remembers an earlier consent redirects at once: catch a tab that
        // reached the result page before it was remembered.
        const current = await browser.tabs.get(tab.id).catch(() => undefined);
        if (current?.url) await onNavigated(tab.id, current.url);
        return { ok: true };
      } catch (err) {
        return failure(err);
      }
    },
  };
}

// Kept in session storage (see settings.ts): the worker may stop while a consent page is open.
async function remember(tabId: number, pending: PendingOAuth): Promise<void> {
  const tabs = await pendingOAuthTabs.getValue();
  await pendingOAuthTabs.setValue({ ...tabs, [String(tabId)]: pending });
}

async function forget(tabId: number): Promise<void> {
  const { [String(tabId)]: gone, ...rest } = await pendingOAuthTabs.getValue();
  if (gone) await pendingOAuthTabs.setValue(rest);
}

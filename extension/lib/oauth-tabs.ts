import { browser } from '#imports';
import { oauthResultPath } from '@@/shared/protocol';
import { api } from './api';
import { failure } from './api-error';
import type { BackgroundResult, StartOAuthRequest } from './messaging/to-background';
import { claimGrant, firstClaim, outcomeMessage } from './oauth-claim';
import { decideOAuthTab } from './oauth-result';
import {
  lastOAuthOutcome,
  pendingOAuthTabs,
  serverUrl,
  session,
  type OAuthOutcomeRecord,
  type PendingOAuth,
} from './settings';

const signInFirst = 'You were signed out of Weft before the connection could be stored. Sign in and connect again.';

/**
 * The background's side of OAuth: open the consent page in a tab, then watch for the
 * server's result page. A granted consent lands there as a grant the server holds
 * unstored; this extension claims it with its own session, and the server stores it only
 * if this user started the flow. That is what ties a connection to the browser of the
 * user who asked for it: a consent link sent to someone else ends in their browser,
 * where no extension of that user can claim it.
 *
 * Grants are claimed on any tab, not only the ones opened here: a claim by the wrong user
 * is how the server learns to discard (and revoke) a consent that was sent to this
 * browser by someone else. After a claim the tab is reloaded, and the page names the
 * Weft account that received the connection (or says it was discarded).
 *
 * @example
 * const oauthTabs = createOAuthTabs(async (outcome) => refreshAndTellThePopup(outcome));
 * oauthTabs.listen(); // synchronously, in the background's main
 * handleInBackground('startOAuth', ({ data }) => oauthTabs.start(data));
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
    queue = queue.then(() => handle(tabId, url)).catch((err: unknown) => console.warn('[weft] OAuth tab', err));
    return queue;
  }

  async function handle(tabId: number, url: string): Promise<void> {
    const pending = (await pendingOAuthTabs.getValue())[String(tabId)];
    const decision = decideOAuthTab(url, await serverUrl.getValue(), pending?.provider);
    if (decision.action === 'wait') return;
    if (decision.action === 'finish') {
      // A failure page in a tab this extension did not open is someone else's business.
      if (!pending) return;
      const message = await outcomeMessage(decision.status, decision.provider);
      await forgetAndRecord(tabId, { provider: decision.provider, status: decision.status, message, at: Date.now() });
      return;
    }
    if (!(await session.getValue())) {
      // Signed out since it started: the grant stays unclaimed on the server and expires.
      if (pending) await forgetAndRecord(tabId, { provider: decision.provider ?? pending.provider, status: 'error', message: signInFirst, at: Date.now() });
      return;
    }
    if (!(await firstClaim(decision.grant))) return;
    await forget(tabId);
    const outcome = await claimGrant(decision.grant, decision.provider ?? 'weft');
    // Reloaded, the page says which Weft account received it, or that it was discarded.
    await browser.tabs.reload(tabId).catch(() => undefined);
    // A failed claim in a tab opened elsewhere is still news: someone sent this browser a sign-in.
    await record(outcome);
  }

  async function forgetAndRecord(tabId: number, outcome: OAuthOutcomeRecord): Promise<void> {
    await forget(tabId);
    await record(outcome);
  }

  async function record(outcome: OAuthOutcomeRecord): Promise<void> {
    await lastOAuthOutcome.setValue(outcome);
    await finished(outcome);
  }

  return {
    /**
     * Registered synchronously in `main`, so these events wake a stopped service worker.
     * The listeners return their handling: the browser ignores it, and a test awaits it, so
     * what did not happen after a navigation is known, not guessed after a wait.
     */
    listen(): void {
      browser.tabs.onUpdated.addListener((tabId, change, tab) => {
        const url = change.url ?? (change.status === 'complete' ? tab.url : undefined);
        return url ? onNavigated(tabId, url) : undefined;
      });
      browser.tabs.onRemoved.addListener((tabId) => forget(tabId));
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

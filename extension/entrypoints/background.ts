import { browser, defineBackground } from '#imports';
import { ensureAlarm, routeAlarms } from '@/lib/alarms';
import { failure } from '@/lib/api-error';
import { refreshConnections } from '@/lib/cache';
import { listenForContextRequests } from '@/lib/context/background-context';
import { installContextMenus } from '@/lib/context-menus/context-menus';
import { markAllRead } from '@/lib/events/meta';
import { flowsAlarm, flowsAlarmMinutes, manualFlowsKey, startFlows } from '@/lib/flows/background-flows';
import { openFlowRun } from '@/lib/flows/run-link';
import { cachedValue } from '@/lib/context/lookups';
import type { ManualFlow } from '@/lib/flows/types';
import { flowInstanceUpdatedType } from '@@/shared/protocol/flows';
import { handleInBackground } from '@/lib/messaging/to-background';
import { tellPagesAndTabs } from '@/lib/messaging/tell-tabs';
import { tellPages } from '@/lib/messaging/to-pages';
import { clearBadge, refreshBadge } from '@/lib/notifications/badge';
import { listenToNotificationClicks } from '@/lib/notifications/notify';
import { createOAuthTabs } from '@/lib/oauth-tabs';
import { outboxAlarm, startOutbox } from '@/lib/outbox/background-outbox';
import { listOutboxViews } from '@/lib/outbox/store';
import { pushAlarm, startPush } from '@/lib/push/background-push';
import { watchSession } from '@/lib/session-changes';

/**
 * The worker's wiring: which module tells which, in one page. The modules do not watch
 * each other (no storage item is used as a signal between them); what one needs to hear
 * from another is said here. The pages talk to it through one protocol each way
 * (`lib/messaging/to-background.ts`, `to-pages.ts`), whose handlers are all registered here
 * or in `listenForContextRequests`.
 *
 * Everything happens inside main, and synchronously: WXT imports this file in Node at
 * build time, and listeners added after an await would miss the event that woke the worker.
 */
export default defineBackground(() => {
  const push = startPush();
  const outbox = startOutbox();
  // A changed list of manual flows reaches the open pages and panels at once.
  const flows = startFlows({ onChange: () => void tellPagesAndTabs('manualFlowsChanged', undefined) });

  // The server is back (a reconnect, a sign-in, a restart): what waited goes now, and the
  // manual flows are re-read (instances may have changed meanwhile).
  push.onLive(() => {
    void outbox.flush({ force: true });
    void flows.refresh();
  });
  // An instance paused by Weft or resumed: its flows are greyed out with the reason, or run again, in the menus and panels.
  push.onEvents((events) => {
    if (events.some((e) => e.type === flowInstanceUpdatedType)) void flows.refresh();
  });
  self.addEventListener('online', () => void outbox.flush({ force: true }));

  watchSession({
    signedIn: () => {
      void push.restart();
      void outbox.flush({ force: true });
    },
    signedOut: () => {
      push.stop();
      void clearBadge();
      void flows.forget();
    },
    serverMoved: () => void push.restart(),
  });

  // Chrome stops an idle worker, and its sockets and timers with it: the alarms wake it.
  routeAlarms({
    [pushAlarm]: () => push.tick(),
    [outboxAlarm]: () => outbox.flush(),
    [flowsAlarm]: () => flows.refresh(),
  });
  void ensureAlarm(pushAlarm, 1);
  void ensureAlarm(outboxAlarm, 1);
  void ensureAlarm(flowsAlarm, flowsAlarmMinutes);
  // Listening is what matters: it starts the worker (and so `main`) when the browser starts.
  browser.runtime.onStartup.addListener(() => void push.ensure());

  const oauthTabs = createOAuthTabs(async (outcome) => {
    // Refresh before telling the pages, so they find the new connection already cached.
    if (outcome.status === 'connected') await refreshConnections().catch(() => undefined);
    await tellPages('connectionsChanged', { reason: 'oauth', provider: outcome.provider });
  });
  oauthTabs.listen();

  listenToNotificationClicks();
  // The badge text does not survive a browser restart; the unread count in Dexie does.
  void refreshBadge();
  installContextMenus({
    cachedFlows: async () => (await cachedValue<ManualFlow[]>(manualFlowsKey)) ?? [],
    runFlow: (request) => outbox.enqueue({ ...request, origin: 'menu' }),
  });

  // The popup.
  handleInBackground('startOAuth', ({ data }) => oauthTabs.start(data));
  handleInBackground('refreshConnections', async () => {
    try {
      await refreshConnections();
      return { ok: true } as const;
    } catch (err) {
      return failure(err);
    }
  });
  handleInBackground('markAllRead', async () => {
    await markAllRead();
    await refreshBadge();
  });
  handleInBackground('reconnectPush', () => push.reconnectNow());
  handleInBackground('retryOutboxItem', ({ data }) => outbox.retry(data));
  handleInBackground('discardOutboxItem', async ({ data }) => void (await outbox.discard(data)));

  // Overlays and the compose window.
  handleInBackground('enqueueAction', ({ data }) => outbox.enqueue(data));
  handleInBackground('getOutboxItems', ({ data }) => listOutboxViews(data));
  listenForContextRequests();

  // Manual flows: the popup and the overlays.
  handleInBackground('getManualFlows', ({ data }) => flows.forPlace(data.place, Boolean(data.refresh)));
  handleInBackground('runFlow', ({ data }) => outbox.enqueue(data));
  handleInBackground('openFlowRun', ({ data }) => openFlowRun(data));
  // The Flows page deployed, changed or deleted an instance: the menu and the panels follow now, not at the next alarm.
  handleInBackground('instancesChanged', () => flows.refresh());
});

import { defineBackground } from '#imports';
import { refreshConnections } from '@/lib/cache';
import { listenForContextRequests } from '@/lib/context/background-context';
import { installContextMenus } from '@/lib/context-menus/context-menus';
import { markAllRead } from '@/lib/events/meta';
import { broadcastConnectionsChanged, failure, onMessage } from '@/lib/messaging';
import { refreshBadge } from '@/lib/notifications/badge';
import { listenToNotificationClicks } from '@/lib/notifications/notify';
import { createOAuthTabs } from '@/lib/oauth-tabs';
import { startOutbox } from '@/lib/outbox/background-outbox';
import { listOutboxViews } from '@/lib/outbox/store';
import { onPageMessage } from '@/lib/page-messaging';
import { startPush } from '@/lib/push/background-push';

// Everything happens inside main, and synchronously: WXT imports this file in Node at
// build time, and listeners added after an await would miss the event that woke the worker.
export default defineBackground(() => {
  const oauthTabs = createOAuthTabs(async (outcome) => {
    // Refresh before telling the pages, so they find the new connection already cached.
    if (outcome.status === 'connected') await refreshConnections().catch(() => undefined);
    await broadcastConnectionsChanged({ reason: 'oauth', provider: outcome.provider });
  });
  oauthTabs.listen();

  const push = startPush();
  listenToNotificationClicks();
  // The badge text does not survive a browser restart; the unread count in Dexie does.
  void refreshBadge();

  onMessage('startOAuth', ({ data }) => oauthTabs.start(data));

  onMessage('refreshConnections', async () => {
    try {
      await refreshConnections();
      return { ok: true } as const;
    } catch (err) {
      return failure(err);
    }
  });

  onMessage('markAllRead', async () => {
    await markAllRead();
    await refreshBadge();
  });

  onMessage('reconnectPush', () => push.reconnectNow());

  const outbox = startOutbox();
  onPageMessage('enqueueAction', ({ data }) => outbox.enqueue(data));
  onPageMessage('retryOutboxItem', ({ data }) => outbox.retry(data));
  onPageMessage('discardOutboxItem', async ({ data }) => void (await outbox.discard(data)));
  onPageMessage('getOutboxItems', ({ data }) => listOutboxViews(data));
  listenForContextRequests();
  installContextMenus();
});

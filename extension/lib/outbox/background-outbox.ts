import { browser } from '#imports';
import { api } from '../api';
import { sendPageMessage } from '../page-messaging';
import { pushStatus, serverUrl, session } from '../settings';
import { notifyFailure } from './notify-failure';
import { createOutboxSender } from './sender';
import { addToOutbox, discard, pruneDone, recoverInterrupted, requeue } from './store';
import { outboxView, type ActionRequest, type OutboxItem } from './types';

export const outboxAlarm = 'weft-outbox';
/** The tabs whose overlays show outbox states. */
const providerTabs = ['https://github.com/*', 'https://app.hubspot.com/*'];

/** Whose items go out now: the signed-in account on the saved server. */
export async function currentOwner(): Promise<string | null> {
  const [current, base] = await Promise.all([session.getValue(), serverUrl.getValue()]);
  return current ? `${base} ${current.user.id}` : null;
}

/**
 * The background's outbox: sends what pages enqueue, and retries what waits when the
 * timer fires, the alarm ticks (the worker may have been stopped), the browser comes
 * back online, the push socket reconnects (the server is back) or the user signs in.
 * Call synchronously in the background's main.
 */
export function startOutbox() {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sender = createOutboxSender({
    send: (item) => api.action({ provider: item.provider, action: item.action, input: item.input, connectionId: item.connectionId, idempotencyKey: item.idempotencyKey }),
    owner: currentOwner,
    onChange: (item) => void changed(item),
    schedule: (at) => {
      clearTimeout(timer);
      if (at !== null) timer = setTimeout(() => void sender.flush(), Math.max(0, at - Date.now()));
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === outboxAlarm) void sender.flush();
  });
  self.addEventListener('online', () => void sender.flush({ force: true }));
  pushStatus.watch((next, previous) => {
    if (next.state === 'live' && previous?.state !== 'live') void sender.flush({ force: true });
  });
  session.watch((next, previous) => {
    if (next && next.token !== previous?.token) void sender.flush({ force: true });
  });
  void (async () => {
    await recoverInterrupted();
    await pruneDone();
    if (!(await browser.alarms.get(outboxAlarm))) await browser.alarms.create(outboxAlarm, { periodInMinutes: 1 });
    await sender.flush();
  })().catch((err: unknown) => console.warn('[weft] outbox start', err));

  return {
    async enqueue(request: ActionRequest): Promise<{ id: string }> {
      const owner = await currentOwner();
      if (!owner) throw new Error('Sign in to Weft (toolbar button) first.');
      const item = await addToOutbox(request, owner);
      void changed(item);
      void sender.flush();
      return { id: item.id };
    },
    async retry(id: string): Promise<void> {
      const item = await requeue(id);
      if (item) void changed(item);
      await sender.flush({ force: true });
    },
    discard,
    flush: sender.flush,
  };
}

/** Tells every page and provider tab; none listening is the normal case. */
async function changed(item: OutboxItem): Promise<void> {
  if (item.status === 'failed') void notifyFailure(item);
  const view = outboxView(item);
  await sendPageMessage('outboxChanged', view).catch(() => undefined);
  const tabs = await browser.tabs.query({ url: providerTabs }).catch(() => []);
  for (const tab of tabs) {
    if (tab.id !== undefined) await sendPageMessage('outboxChanged', view, tab.id).catch(() => undefined);
  }
}

import { browser } from '#imports';
import { api } from '../api';
import { ingest } from '../events/ingest';
import { cursorFor } from '../events/meta';
import { clearBadge } from '../notifications/badge';
import { serverUrl, session, pushStatus, type PushStatus } from '../settings';
import { catchUp } from './catch-up';
import { createPushClient, type PushTarget } from './push-client';
import { eventsSocketUrl } from './socket-url';

export const pushAlarm = 'weft-push';

/**
 * Live events for the background worker: the socket follows the session and the server
 * URL, and a one-minute alarm reconnects (and catches up) after Chrome stopped the
 * worker, which drops the socket and any backoff timer with it.
 * Call synchronously in the background's main: the listeners must exist when an alarm wakes it.
 */
export function startPush() {
  const push = createPushClient({
    createSocket: (url) => new WebSocket(url),
    target: pushTarget,
    cursor: cursorFor,
    receive: ingest,
    status: saveStatus,
    // A 401 on any authed call ends the session (http.ts); the session watcher then stops us.
    unauthorized: async () => void (await api.me().catch(() => undefined)),
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === pushAlarm) void tick();
  });
  // Listening is what matters: it starts the worker (and so `main`) when the browser starts.
  browser.runtime.onStartup.addListener(() => void push.ensure());
  session.watch((next, previous) => {
    if (next?.token === previous?.token) return;
    if (next) {
      void push.restart();
    } else {
      push.stop();
      void clearBadge();
    }
  });
  serverUrl.watch(() => void push.restart());

  async function tick(): Promise<void> {
    const wasLive = push.live;
    await push.ensure();
    const target = await pushTarget();
    if (wasLive || !target) return;
    await catchUp(target.owner, ingest).catch((err: unknown) => console.warn('[weft] catch-up', err));
  }

  void ensureAlarm();
  void push.start();
  return push;
}

async function pushTarget(): Promise<PushTarget | null> {
  const [current, base] = await Promise.all([session.getValue(), serverUrl.getValue()]);
  if (!current) return null;
  return { url: eventsSocketUrl(base), token: current.token, owner: `${base} ${current.user.id}` };
}

/** Created once: re-creating it on every worker start would push its first tick back each time. */
async function ensureAlarm(): Promise<void> {
  if (await browser.alarms.get(pushAlarm)) return;
  await browser.alarms.create(pushAlarm, { periodInMinutes: 1 });
}

let lastStatus = '';
/** Skips identical writes: every popup watching the item would re-render for nothing. */
function saveStatus(status: PushStatus): void {
  const json = JSON.stringify(status);
  if (json === lastStatus) return;
  lastStatus = json;
  void pushStatus.setValue(status);
}

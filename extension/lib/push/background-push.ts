import type { WeftEvent } from '@@/shared/protocol';
import { api } from '../api';
import { restartStream } from '../events/apply';
import { ingest } from '../events/ingest';
import { cursorFor } from '../events/meta';
import { serverUrl, session, pushStatus, type PushStatus } from '../settings';
import { catchUp } from './catch-up';
import { createPushClient, type PushTarget } from './push-client';
import { eventsSocketUrl } from './socket-url';

/** The alarm whose tick reconnects (and catches up) after Chrome stopped the worker. */
export const pushAlarm = 'weft-push';

/**
 * Live events for the background worker: a WebSocket to the saved server with the
 * current session, whose events are applied exactly once (`ingest`). It reacts to
 * nothing by itself: `entrypoints/background.ts` tells it when the session or the server
 * changed (`restart`, `stop`), when its alarm ticks (`tick`) and when the browser starts
 * (`ensure`), and subscribes to `onLive` for whoever waits for the server to be back.
 */
export function startPush() {
  const liveListeners = new Set<() => void>();
  const eventListeners = new Set<(events: WeftEvent[]) => void>();
  // Applied first, then told: a listener that reads Dexie finds the events there.
  const receive = async (events: WeftEvent[], owner: string) => {
    await ingest(events, owner);
    for (const listener of eventListeners) listener(events);
  };
  let wasLive = false;
  const push = createPushClient({
    createSocket: (url) => new WebSocket(url),
    target: pushTarget,
    cursor: cursorFor,
    receive,
    startOver: restartStream,
    status: (status) => {
      saveStatus(status);
      const live = status.state === 'live';
      if (live && !wasLive) for (const listener of liveListeners) listener();
      wasLive = live;
    },
    // A 401 on any authed call ends the session (http.ts); the session watcher then stops us.
    unauthorized: async () => void (await api.me().catch(() => undefined)),
  });

  void push.start();
  return {
    ensure: push.ensure,
    restart: push.restart,
    stop: push.stop,
    reconnectNow: push.reconnectNow,
    get live() {
      return push.live;
    },
    /** Each time the socket becomes live (the server said ready): after a start, a reconnect, a sign-in. */
    onLive(listener: () => void): () => void {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
    /** Each batch of events from the socket or a catch-up, once applied (a batch may repeat events already seen). */
    onEvents(listener: (events: WeftEvent[]) => void): () => void {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    /**
     * The alarm's minute: reconnect a socket the stopped worker dropped, and catch up
     * over HTTP if it was not live (a worker that idled out missed its events).
     */
    async tick(): Promise<void> {
      const liveBefore = push.live;
      await push.ensure();
      const target = await pushTarget();
      if (liveBefore || !target) return;
      await catchUp(target.owner, receive).catch((err: unknown) => console.warn('[weft] catch-up', err));
    },
  };
}

export type Push = ReturnType<typeof startPush>;

async function pushTarget(): Promise<PushTarget | null> {
  const [current, base] = await Promise.all([session.getValue(), serverUrl.getValue()]);
  if (!current) return null;
  return { url: eventsSocketUrl(base), token: current.token, owner: `${base} ${current.user.id}` };
}

let lastStatus = '';
/** Skips identical writes: every popup watching the item would re-render for nothing. */
function saveStatus(status: PushStatus): void {
  const json = JSON.stringify(status);
  if (json === lastStatus) return;
  lastStatus = json;
  void pushStatus.setValue(status);
}

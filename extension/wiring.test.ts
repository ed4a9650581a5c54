import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerMessage } from '@@/shared/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { flowsAlarm } from './lib/flows/background-flows';
import { outboxAlarm } from './lib/outbox/background-outbox';
import { pushAlarm } from './lib/push/background-push';
import { makeEvent } from './lib/testing/events';
import { FakeSocket } from './lib/testing/fake-socket';

/**
 * The worker's wiring (`entrypoints/background.ts`): who tells whom. First what the code
 * may not do (read from the source, so a module that starts watching another's storage
 * item or adding its own alarm listener fails here), then the wired worker at work.
 */

const root = path.dirname(new URL(import.meta.url).pathname);

/** The extension's source files (no tests), relative to `extension/`. */
function sources(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path.relative(root, full)] : [];
  });
}
const files = sources();
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const filesMatching = (pattern: RegExp, among = files) => among.filter((file) => pattern.test(read(file)));

describe('the wiring is in background.ts', () => {
  it('one alarm listener, which routes by name', () => {
    expect(filesMatching(/alarms\.onAlarm\.addListener/)).toEqual(['lib/alarms.ts']);
  });

  it('one session watcher: no other worker module watches a storage item', () => {
    const worker = files.filter((file) => file.startsWith('lib/') || file === 'entrypoints/background.ts');
    expect(filesMatching(/\.watch\(|storage\.onChanged/, worker)).toEqual(['lib/session-changes.ts']);
  });

  it('one message protocol each way: to the background, and to the pages', () => {
    expect(filesMatching(/defineExtensionMessaging</).sort()).toEqual(['lib/messaging/to-background.ts', 'lib/messaging/to-pages.ts']);
    // Nothing talks past them with the raw API.
    expect(filesMatching(/(runtime|tabs)\.(sendMessage|onMessage|connect)\b/)).toEqual([]);
  });

  it('the overlays reach the background through overlays/core/background.ts only', () => {
    const overlays = files.filter((file) => file.startsWith('overlays/'));
    expect(filesMatching(/lib\/messaging\/|sendMessage|runtime\.(sendMessage|connect|onMessage)|browser\.runtime/, overlays)).toEqual(['overlays/core/background.ts']);
  });
});

// Each test starts a fresh worker: its modules are loaded anew, as in a worker Chrome
// started (a messaging handler can be registered once per context).
let background: typeof import('./entrypoints/background').default;
let db: typeof import('./lib/db').db;
let addToOutbox: typeof import('./lib/outbox/store').addToOutbox;
let settings: typeof import('./lib/settings');

const user = { id: 'u1', email: 'ada@example.com', workspaceId: 'w1' };
const ready: ServerMessage = { type: 'ready', user: { id: 'u1', email: 'ada@example.com' }, cursor: 0, latestId: 0 };
const fetchMock = vi.fn<typeof fetch>();
const waitFor = (check: () => unknown) => vi.waitFor(check, { timeout: 2_000, interval: 5 });
const last = () => FakeSocket.all.at(-1)!;
const instanceReads = () => fetchMock.mock.calls.filter(([url]) => String(url).endsWith('/api/instances'));
const actionCalls = () => fetchMock.mock.calls.filter(([url]) => String(url).includes('/api/actions/'));
const tick = (name: string) => fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now(), periodInMinutes: 1, persistAcrossSessions: true });

/** Starts the worker as Chrome would, and waits for its socket; `live` answers the hello. */
async function startWorker({ live = true } = {}): Promise<void> {
  background.main();
  await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
  if (live) {
    last().accept();
    last().receive(ready);
    await waitFor(async () => expect((await settings.pushStatus.getValue()).state).toBe('live'));
  }
}

/** An action waiting in the outbox (as after an outage) for its next try, in an hour. */
async function waitingAction(): Promise<void> {
  const item = await addToOutbox({ provider: 'slack', action: 'post_message', input: { channel: 'C1', text: 'hi' }, label: 'Post hi' }, `http://localhost:8787 ${user.id}`);
  await db.outbox.update(item.id, { nextAttemptAt: Date.now() + 3_600_000 });
}

beforeEach(async () => {
  vi.resetModules();
  background = (await import('./entrypoints/background')).default;
  ({ db } = await import('./lib/db'));
  ({ addToOutbox } = await import('./lib/outbox/store'));
  settings = await import('./lib/settings');
  fakeBrowser.reset();
  // The fake browser has no context menus; the wiring only adds their listener.
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(async () => undefined);
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => '');
  await db.delete();
  await db.open();
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  // @webext-core/messaging calls `chrome.runtime` itself.
  vi.stubGlobal('chrome', fakeBrowser);
  // The worker's global scope, for its `online` listener.
  vi.stubGlobal('self', new EventTarget());
  vi.stubGlobal('fetch', fetchMock);
  fetchMock.mockReset();
  fetchMock.mockImplementation(async (url) =>
    String(url).includes('/api/actions/')
      ? Response.json({ connectionId: 'c1', result: { ok: true } })
      : String(url).endsWith('/api/instances')
        ? Response.json({ instances: [] })
        : Response.json({ events: [], cursor: 0 }),
  );
  await settings.session.setValue({ token: 'tok', user });
});
afterEach(async () => {
  // Signing out stops the socket and its timers before the next test's worker starts.
  await settings.session.setValue(null);
  await waitFor(async () => expect((await settings.pushStatus.getValue()).state).toBe('offline'));
  vi.unstubAllGlobals();
});

describe('the wired worker', () => {
  it('sets the push and outbox alarms, once a minute', async () => {
    await startWorker();
    await waitFor(async () => expect(await fakeBrowser.alarms.get(pushAlarm)).toMatchObject({ periodInMinutes: 1 }));
    await waitFor(async () => expect(await fakeBrowser.alarms.get(outboxAlarm)).toMatchObject({ periodInMinutes: 1 }));
  });

  it('the push alarm reconnects a dropped socket at once and catches up over HTTP', async () => {
    await startWorker({ live: false });
    last().drop(1006);
    await tick(pushAlarm);
    expect(FakeSocket.all).toHaveLength(2);
    expect(fetchMock).toHaveBeenCalledWith('http://localhost:8787/api/events?after=0&limit=500', expect.anything());
  });

  it('the outbox alarm sends what is due, and only that', async () => {
    await waitingAction();
    // Not live: a live socket would force a flush of everything (push.onLive).
    await startWorker({ live: false });
    const due = await addToOutbox({ provider: 'slack', action: 'post_message', input: { channel: 'C1', text: 'due' }, label: 'Post due' }, `http://localhost:8787 ${user.id}`);
    // Its first try failed a minute ago, and its next try is now (the worker was stopped meanwhile).
    await db.outbox.update(due.id, { attempts: 1, nextAttemptAt: Date.now() - 1 });
    await tick(outboxAlarm);
    // The tick's flush has returned: the item due in an hour was left alone.
    expect(actionCalls().map(([, init]) => JSON.parse(String(init!.body)).input.text)).toEqual(['due']);
  });

  it('sign-out closes the socket and clears the badge; a new session and a new server each reconnect', async () => {
    await startWorker();
    await fakeBrowser.action.setBadgeText({ text: '4' });
    await settings.session.setValue(null);
    await waitFor(() => expect(FakeSocket.all[0]!.closedBy).toBe(1000));
    await waitFor(async () => expect((await settings.pushStatus.getValue()).state).toBe('offline'));
    await waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(''));

    await settings.session.setValue({ token: 'tok2', user });
    await waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    await settings.serverUrl.setValue('https://weft.example.com');
    await waitFor(() => expect(last().url).toBe('wss://weft.example.com/api/events/ws'));
    expect(FakeSocket.all[1]!.closedBy).toBe(1000);
  });

  // In both: the item is due in an hour, so only a forced flush sends it now; the worker's
  // own start-up pass leaves it alone.
  it('push.onLive → outbox.flush: when the socket is live again, what waited is sent', async () => {
    await waitingAction();
    await startWorker({ live: false });
    last().accept();
    last().receive(ready);
    await waitFor(() => expect(actionCalls()).toHaveLength(1));
    await waitFor(async () => expect((await db.outbox.toArray())[0]).toMatchObject({ status: 'done' }));
  });

  it('the browser back online sends what waited', async () => {
    await waitingAction();
    await startWorker({ live: false });
    self.dispatchEvent(new Event('online'));
    await waitFor(() => expect(actionCalls()).toHaveLength(1));
  });

  it('the manual flows are re-read on their alarm (every 15 minutes), when the socket is live again, and when an instance is paused or resumed', async () => {
    await startWorker({ live: false });
    await waitFor(async () => expect(await fakeBrowser.alarms.get(flowsAlarm)).toMatchObject({ periodInMinutes: 15 }));
    expect(instanceReads()).toHaveLength(0);
    await tick(flowsAlarm);
    expect(instanceReads()).toHaveLength(1);
    last().accept();
    last().receive(ready);
    await waitFor(() => expect(instanceReads()).toHaveLength(2));
    last().receive({ type: 'event', event: makeEvent(1, { type: 'github.issues.opened' }) });
    last().receive({ type: 'event', event: makeEvent(2, { type: 'flow.instance.updated', provider: 'weft' }) });
    await waitFor(() => expect(instanceReads()).toHaveLength(3));
  });

  it('a sign-in sends what waited, live socket or not', async () => {
    await waitingAction();
    await startWorker({ live: false });
    await settings.session.setValue({ token: 'tok2', user });
    await waitFor(() => expect(actionCalls()).toHaveLength(1));
  });
});

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ServerMessage } from '@@/shared/protocol';
import { db } from '../db';
import { applyEvents, restartStream } from '../events/apply';
import { cursorFor } from '../events/meta';
import type { PushStatus } from '../settings';
import { makeEvent } from '../testing/events';
import { FakeSocket } from '../testing/fake-socket';
import { createPushClient, pingIntervalMs, silenceLimitMs, TIMED_RETRIES, type PushTarget } from './push-client';

const owner = 'http://localhost:8787 u1';
const ready: ServerMessage = { type: 'ready', user: { id: 'u1', email: 'ada@example.com' }, cursor: 0, latestId: 1_000 };
let sockets: FakeSocket[];
let statuses: PushStatus[];
let target: PushTarget | null;
let unauthorized: ReturnType<typeof vi.fn<() => Promise<void>>>;

function client() {
  return createPushClient({
    createSocket: (url) => new FakeSocket(url),
    target: async () => target,
    cursor: cursorFor,
    receive: async (events, who) => void (await applyEvents(events, { owner: who, wantsAttention: () => false })),
    startOver: restartStream,
    status: (s) => statuses.push(s),
    unauthorized,
    // The shortest wait of each step: 500 ms, 1 s, 2 s…
    random: () => 0,
  });
}

const last = () => sockets.at(-1)!;
const state = () => statuses.at(-1)?.state;
const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 2_000, interval: 5 });

/** Connects, answers hello with ready; returns the socket. */
async function connected(push: ReturnType<typeof client>) {
  await push.start();
  last().accept();
  await waitFor(() => expect(last().sent[0]?.type).toBe('hello'));
  last().receive(ready);
  return last();
}

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  // Only the client's timers: fake-indexeddb schedules with setImmediate and must keep running.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  FakeSocket.all = sockets = [];
  statuses = [];
  target = { url: 'ws://localhost:8787/api/events/ws', token: 'tok', owner };
  unauthorized = vi.fn(async () => undefined);
});
afterEach(() => vi.useRealTimers());

describe('push client', () => {
  it('says hello with the stored cursor', async () => {
    await applyEvents([makeEvent(41)], { owner, wantsAttention: () => false });
    const push = client();
    await push.start();
    expect(last().url).toBe('ws://localhost:8787/api/events/ws');
    last().accept();
    await waitFor(() => expect(last().sent).toEqual([{ type: 'hello', token: 'tok', cursor: 41 }]));
    last().receive(ready);
    expect(state()).toBe('live');
    push.stop();
  });

  it('applies events, and after a close resumes from the last one applied', async () => {
    const push = client();
    const first = await connected(push);
    for (const id of [1, 2, 3]) first.receive({ type: 'event', event: makeEvent(id) });
    await waitFor(async () => expect(await cursorFor(owner)).toBe(3));

    first.drop(1006);
    expect(statuses.at(-1)).toMatchObject({ state: 'connecting', error: 'Cannot reach the server for live updates.' });
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    last().accept();
    await waitFor(() => expect(last().sent).toEqual([{ type: 'hello', token: 'tok', cursor: 3 }]));
    // The server resends from the cursor; a duplicate is harmless.
    last().receive({ type: 'event', event: makeEvent(3) });
    last().receive({ type: 'event', event: makeEvent(4) });
    await waitFor(async () => expect((await db.events.toArray()).map((e) => e.id)).toEqual([1, 2, 3, 4]));
    push.stop();
  });

  it('waits longer after each failed attempt, and from the start again once live', async () => {
    const push = client();
    await push.start();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = Date.now();
      last().drop(1006);
      const retryAt = statuses.at(-1)!.retryAt!;
      waits.push(retryAt - before);
      await vi.advanceTimersByTimeAsync(retryAt - before);
    }
    expect(waits).toEqual([500, 1000, 2000, 4000]);
    last().accept();
    await waitFor(() => expect(last().sent[0]?.type).toBe('hello'));
    last().receive(ready);
    last().drop(1006);
    expect(statuses.at(-1)!.retryAt! - Date.now()).toBe(500);
    push.stop();
  });

  it('after TIMED_RETRIES failed attempts it stops its timers and leaves reconnecting to the alarm', async () => {
    const push = client();
    await push.start();
    for (let i = 0; i < TIMED_RETRIES; i++) {
      const before = Date.now();
      last().drop(1006);
      await vi.advanceTimersByTimeAsync(statuses.at(-1)!.retryAt! - before);
    }
    const opened = sockets.length;
    last().drop(1006);
    expect(statuses.at(-1)).toMatchObject({ state: 'offline', retryAt: null });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sockets).toHaveLength(opened);
    await push.ensure(); // the alarm tick
    expect(sockets).toHaveLength(opened + 1);
    push.stop();
  });

  it('stops on sign-out: closes the socket and does not come back', async () => {
    const push = client();
    const socket = await connected(push);
    push.stop();
    expect(socket.closedBy).toBe(1000);
    expect(statuses.at(-1)).toEqual({ state: 'offline', error: null, retryAt: null });
    await vi.advanceTimersByTimeAsync(120_000);
    await push.ensure(); // what the alarm does
    expect(sockets).toHaveLength(1);
  });

  it('restarts with the new session, and stays offline without one', async () => {
    const push = client();
    const old = await connected(push);
    target = { ...target!, token: 'new' };
    await push.restart();
    expect(old.closedBy).toBe(1000);
    last().accept();
    await waitFor(() => expect(last().sent[0]).toMatchObject({ type: 'hello', token: 'new' }));

    target = null;
    await push.restart();
    expect(sockets).toHaveLength(2);
    expect(state()).toBe('offline');
  });

  it('pings every 20 s, and drops a connection that went silent', async () => {
    const push = client();
    const socket = await connected(push);
    await vi.advanceTimersByTimeAsync(pingIntervalMs);
    expect(socket.sent.filter((m) => m.type === 'ping')).toHaveLength(1);
    socket.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(silenceLimitMs + pingIntervalMs);
    expect(socket.closedBy).toBe(4000);
    expect(statuses.at(-1)).toMatchObject({ state: 'connecting', error: 'The server stopped answering.' });
    push.stop();
  });

  it('reconnects at once when the alarm finds it waiting', async () => {
    const push = client();
    (await connected(push)).drop(1006);
    await vi.advanceTimersByTimeAsync(100);
    await push.ensure();
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets).toHaveLength(2);
    push.stop();
  });

  it('has a refused token checked, and keeps the server’s words', async () => {
    const push = client();
    await push.start();
    last().accept();
    await waitFor(() => expect(last().sent[0]?.type).toBe('hello'));
    last().receive({ type: 'error', code: 'unauthorized', message: 'Sign in again.' });
    last().drop(4401);
    expect(unauthorized).toHaveBeenCalledOnce();
    expect(statuses.at(-1)).toMatchObject({ state: 'connecting', error: 'Sign in again.' });
    push.stop();
  });

  it('starts over from 0 when the server’s log ends below its cursor (a restored database), instead of skipping', async () => {
    await applyEvents([40, 41, 42].map((id) => makeEvent(id)), { owner, wantsAttention: () => false });
    const push = client();
    await push.start();
    const first = last();
    first.accept();
    await waitFor(() => expect(first.sent).toEqual([{ type: 'hello', token: 'tok', cursor: 42 }]));
    // The restored server's newest event is 7: its events 8, 9… would come after our 42 and be skipped.
    first.receive({ ...ready, cursor: 42, latestId: 7 });
    expect(first.closedBy).toBe(1000);
    // At once, not after a backoff wait; the old stream is gone.
    await waitFor(() => expect(sockets).toHaveLength(2));
    expect(await cursorFor(owner)).toBe(0);
    expect(await db.events.count()).toBe(0);
    last().accept();
    await waitFor(() => expect(last().sent).toEqual([{ type: 'hello', token: 'tok', cursor: 0 }]));
    last().receive({ ...ready, cursor: 0, latestId: 7 });
    expect(state()).toBe('live');
    for (const id of [6, 7, 8]) last().receive({ type: 'event', event: makeEvent(id, { summary: { title: `Restored ${id}` } }) });
    await waitFor(async () => expect((await db.events.toArray()).map((e) => e.summary.title)).toEqual(['Restored 6', 'Restored 7', 'Restored 8']));
    expect(await cursorFor(owner)).toBe(8);
    push.stop();
  });

  it('keeps its cursor when the server’s log reaches it', async () => {
    await applyEvents([makeEvent(42)], { owner, wantsAttention: () => false });
    const push = client();
    await push.start();
    last().accept();
    await waitFor(() => expect(last().sent).toEqual([{ type: 'hello', token: 'tok', cursor: 42 }]));
    last().receive({ ...ready, cursor: 42, latestId: 42 });
    expect(state()).toBe('live');
    last().receive({ type: 'event', event: makeEvent(43) });
    await waitFor(async () => expect(await cursorFor(owner)).toBe(43));
    expect(sockets).toHaveLength(1);
    expect((await db.events.toArray()).map((e) => e.id)).toEqual([42, 43]);
    push.stop();
  });

  it('ignores frames outside the contract', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const push = client();
    const socket = await connected(push);
    socket.onmessage?.({ data: '{"type":"event","event":{"id":"x"}}' } as MessageEvent);
    socket.onmessage?.({ data: 'not json' } as MessageEvent);
    expect(state()).toBe('live');
    expect(await db.events.count()).toBe(0);
    push.stop();
  });
});

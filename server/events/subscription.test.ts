import { afterEach, expect, it } from 'vitest';
import type { WeftEvent } from '../../shared/protocol/events';
import type { Engine } from '../store/engine';
import type { Store } from '../store/open';
import { forEachEngine, openTestStore } from '../store/testing/engines';
import { until } from '../testing/live-server';
import { EventLog, type NewEvent } from './event-log';
import type { PushFrame } from './push-frame';
import { PushHub } from './push-hub';
import { startSubscription } from './subscription';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const event = (n: number): NewEvent => ({
  workspaceId: 'wsp_a', type: 'test.thing', provider: 'test', connectionId: null, payload: { n },
  summary: { title: `event ${n}`, url: null, actor: null, assignees: [], mentions: [], subject: null },
});

/** A log with events 1-3 and a hub on it, and a client that records what it is sent. */
async function setUp(engine: Engine) {
  store = await openTestStore(engine);
  const log = new EventLog(store.events);
  const hub = new PushHub(log, store.signals);
  await hub.start();
  for (const n of [1, 2, 3]) await log.append([event(n)]);
  const received: number[] = [];
  const failures: unknown[] = [];
  const client = {
    received,
    failures,
    send: (frame: PushFrame) => void received.push((frame.event.payload as { n: number }).n),
    fail: (error: unknown) => failures.push(error),
  };
  return { log, hub, client };
}

/**
 * The catch-up's reads, with event 4 committed (and published) while the first read is
 * pending: before the read looks (`seen`: the read returns it too) or after (`unseen`).
 */
function readsWithACommitDuring(log: EventLog, when: 'seen' | 'unseen') {
  let committed: Promise<unknown> | undefined;
  return {
    async after(workspaceIds: string[], afterId: number, limit: number): Promise<WeftEvent[]> {
      if (committed) return log.after(workspaceIds, afterId, limit);
      if (when === 'seen') {
        await (committed = log.append([event(4)]));
        return log.after(workspaceIds, afterId, limit);
      }
      const page = await log.after(workspaceIds, afterId, limit);
      await (committed = log.append([event(4)]));
      return page;
    },
  };
}

forEachEngine('a push subscription whose catch-up read is pending while events commit', (engine) => {
  it.each(['unseen', 'seen'] as const)('an event committed during the read (%s by it) arrives exactly once, in order', async (when) => {
    const { log, hub, client } = await setUp(engine);
    startSubscription(readsWithACommitDuring(log, when), hub, ['wsp_a'], 0, client.send, client.fail);
    // The catch-up has returned once 1-3 are here (event 4 was committed before its read
    // returned). Then a live event: once it is here, every earlier one would be too.
    await until(() => client.received.length >= 3);
    await log.append([event(5)]);
    await until(() => client.received.includes(5));
    expect(client.received).toEqual([1, 2, 3, 4, 5]);
    expect(client.failures).toEqual([]);
  });

  it('a catch-up read that fails calls `fail` once and detaches from the live stream', async () => {
    const { log, hub, client } = await setUp(engine);
    const broken = { after: async () => Promise.reject(new Error('the log cannot be read')) };
    startSubscription(broken, hub, ['wsp_a'], 0, client.send, client.fail);
    await until(() => client.failures.length > 0);
    expect(client.failures).toEqual([new Error('the log cannot be read')]);
    expect(hub.clientCount).toBe(0);
    await log.append([event(4)]);
    expect(client.received).toEqual([]);
  });

  it('stopped while its read is pending, it sends nothing of that read nor of what was buffered', async () => {
    const { log, hub, client } = await setUp(engine);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let read = false;
    const slow = {
      async after(workspaceIds: string[], afterId: number, limit: number) {
        const page = await log.after(workspaceIds, afterId, limit);
        read = true;
        await held;
        return page;
      },
    };
    const stop = startSubscription(slow, hub, ['wsp_a'], 0, client.send, client.fail);
    await until(() => read);
    await log.append([event(4)]); // into the buffer: the read has not returned yet
    stop();
    release();
    // What the read's return sets off is promise callbacks only, no I/O: all of it has run
    // before the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(client.received).toEqual([]);
    expect(client.failures).toEqual([]);
    expect(hub.clientCount).toBe(0);
  });
});

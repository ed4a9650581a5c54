import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/log';
import type { Store } from '../store/open';
import type { StoreSignals } from '../store/signals';
import { createTestDatabase, forEachEngine, openTestStore } from '../store/testing/engines';
import { cutListenConnections } from '../store/testing/listen-connection';
import { until } from '../testing/live-server';
import { EventLog, type NewEvent } from './event-log';
import type { PushFrame } from './push-frame';
import { PushHub } from './push-hub';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const event = (workspaceId: string, n: number): NewEvent => ({
  workspaceId, type: 'test.thing', provider: 'test', connectionId: null, payload: { n },
  summary: { title: `Thing ${n}`, url: null, actor: null, assignees: [], mentions: [], subject: null },
});

/** A hub over `store`, started, stopped after the test. `signals` replaces the store's (to leave the poll out, or to keep only it). */
async function startHub(store: Store, log: EventLog, signals: Pick<StoreSignals, 'listen' | 'backstopPollMs' | 'oneProcess'> = store.signals) {
  const hub = new PushHub(log, signals);
  await hub.start();
  cleanups.push(() => hub.stop());
  return hub;
}

/** A push client that keeps every frame it is given. */
function client(hub: PushHub, workspaceId: string) {
  const frames: PushFrame[] = [];
  hub.attach({ workspaceIds: new Set([workspaceId]), send: (frame) => void frames.push(frame) });
  return { frames, ns: () => frames.map((f) => (f.event.payload as { n: number }).n) };
}

forEachEngine('the push hub', (engine) => {
  // 'reads back': as on PostgreSQL, every commit of this process is read back by cursor,
  // even where (SQLite) the hub may publish them as the event log hands them over.
  it.each(['as the engine does', 'reading back every commit'] as const)('publishes each committed event once, in id order, to the clients of its workspace only, with one frame and one Buffer for all of them (%s)', async (mode) => {
    const store = await openTestStore(engine);
    cleanups.push(() => store.close());
    const log = new EventLog(store.events);
    const hub = await startHub(store, log, mode === 'as the engine does' ? store.signals : { listen: (l) => store.signals.listen(l), backstopPollMs: null, oneProcess: false });
    const [a1, a2, b] = [client(hub, 'wsp_a'), client(hub, 'wsp_a'), client(hub, 'wsp_b')];
    // Several groups, some of them concurrent.
    await Promise.all([1, 2, 3].map((n) => log.append([event('wsp_a', n)])));
    await log.append([event('wsp_b', 4), event('wsp_a', 5)]);
    await Promise.all([6, 7].map((n) => log.append([event('wsp_a', n)])));
    await until(() => a1.frames.length === 6 && a2.frames.length === 6 && b.frames.length === 1);

    expect(a1.ns().sort()).toEqual([1, 2, 3, 5, 6, 7]);
    const ids = a1.frames.map((f) => f.event.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(b.ns()).toEqual([4]);
    for (let i = 0; i < 6; i++) {
      // The same frame, so the same text and the same bytes: encoded once for every client.
      expect(a2.frames[i]).toBe(a1.frames[i]);
      expect(a2.frames[i]!.bytes).toBe(a1.frames[i]!.bytes);
      expect(JSON.parse(a1.frames[i]!.bytes.toString('utf8'))).toEqual({ type: 'event', event: a1.frames[i]!.event });
    }
    expect(hub.position).toBe(Math.max(...ids, b.frames[0]!.event.id));
  });

  it(engine === 'sqlite' ? 'reads the log once at start, then publishes its own commits without reading them back' : 'reads back each of its own commits (other instances write too)', async () => {
    const store = await openTestStore(engine);
    cleanups.push(() => store.close());
    const log = new EventLog(store.events);
    let reads = 0;
    const counted = Object.assign(Object.create(log) as EventLog, { afterAll: (afterId: number, limit: number) => (reads++, log.afterAll(afterId, limit)) });
    const hub = await startHub(store, counted);
    const a = client(hub, 'wsp_a');
    for (const n of [1, 2, 3]) {
      await log.append([event('wsp_a', n)]);
      await until(() => a.frames.length === n);
    }
    expect(a.ns()).toEqual([1, 2, 3]);
    if (engine === 'sqlite') expect(reads).toBe(1);
    else expect(reads).toBeGreaterThanOrEqual(4);
  });

  it('starts at the end of the log: what was there before is for a client’s catch-up, not the live stream', async () => {
    const store = await openTestStore(engine);
    cleanups.push(() => store.close());
    const log = new EventLog(store.events);
    await log.append([event('wsp_a', 1)]);
    const hub = await startHub(store, log);
    const a = client(hub, 'wsp_a');
    await log.append([event('wsp_a', 2)]);
    await until(() => a.frames.length === 1);
    expect(a.ns()).toEqual([2]);
  });
});

describe('the push hub across instances on PostgreSQL', () => {
  /** Two instances' event logs over one database; instance B's hub, without the backstop poll unless asked. */
  async function twoInstances(poll: 'no poll' | 'poll only' = 'no poll') {
    const database = await createTestDatabase();
    const logLines: string[] = [];
    const storeA = await openTestStore('postgres', { databaseUrl: database.url });
    const storeB = await openTestStore('postgres', { databaseUrl: database.url, log: createLogger((l) => logLines.push(l)) });
    cleanups.push(async () => {
      await storeA.close();
      await storeB.close();
      await database.drop();
    });
    const logA = new EventLog(storeA.events);
    const logB = new EventLog(storeB.events);
    const signals: Pick<StoreSignals, 'listen' | 'backstopPollMs' | 'oneProcess'> =
      poll === 'no poll' ? { listen: (l) => storeB.signals.listen(l), backstopPollMs: null, oneProcess: false } : { listen: () => () => {}, backstopPollMs: 50, oneProcess: false };
    const hubB = await startHub(storeB, logB, signals);
    return { storeA, storeB, logA, logB, hubB, logLines };
  }

  it('events committed on instance A reach a client of instance B, each once, in id order, with B’s own in between', async () => {
    const { logA, logB, hubB } = await twoInstances();
    const onB = client(hubB, 'wsp_a');
    for (let n = 1; n <= 20; n++) await (n % 4 === 0 ? logB : logA).append([event('wsp_a', n)]);
    await Promise.all([21, 22, 23, 24].map((n) => logA.append([event('wsp_a', n)])));
    await until(() => onB.frames.length === 24);
    const ids = onB.frames.map((f) => f.event.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(24);
    expect(onB.ns().sort((x, y) => x - y)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('after B’s LISTEN connection is cut, B’s client still gets what A committed while it was down (read on after the reconnect, no poll)', async () => {
    const { storeA, logA, hubB, logLines } = await twoInstances();
    const onB = client(hubB, 'wsp_a');
    await logA.append([event('wsp_a', 1)]);
    await until(() => onB.frames.length === 1);

    const reconnects = () =>
      logLines.filter((l) => l.includes('Listening to the other instances again')).map((l) => Date.parse(JSON.parse(l).time));
    // A round proves the point only if both commits were done before B was back (its first
    // retry comes after 125-250 ms): under heavy load that may take another round.
    for (let round = 1, n = 2; ; round++, n += 2) {
      const heard = reconnects().length;
      expect(await cutListenConnections(storeA)).toBe(1);
      await logA.append([event('wsp_a', n)]);
      await logA.append([event('wsp_a', n + 1)]);
      const committedAt = Date.now();
      await until(() => onB.frames.length === n + 1);
      expect(onB.ns()).toEqual(Array.from({ length: n + 1 }, (_, i) => i + 1));
      await until(() => reconnects().length === heard + 1);
      if (reconnects().at(-1)! >= committedAt) break;
      if (round === 5) throw new Error('B was back before A had committed, five rounds in a row: the test could not make its case');
    }
  });

  it('with every signal lost, the backstop poll still brings them', async () => {
    const { logA, hubB } = await twoInstances('poll only');
    const onB = client(hubB, 'wsp_a');
    await logA.append([event('wsp_a', 1)]);
    await logA.append([event('wsp_a', 2)]);
    await until(() => onB.frames.length === 2);
    expect(onB.ns()).toEqual([1, 2]);
  });
});

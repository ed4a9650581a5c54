import { afterEach, expect, it } from 'vitest';
import type { WeftEvent } from '../../shared/protocol/events';
import type { Store } from '../store/open';
import { forEachEngine, openTestStore } from '../store/testing/engines';
import { EventLog, type NewEvent } from './event-log';
import { PushHub } from './push-hub';
import { until } from '../testing/live-server';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const event = (workspaceId: string, payload: unknown): NewEvent => ({
  workspaceId, type: 'test.thing', provider: 'test', connectionId: null, payload,
  summary: { title: 'A thing', url: null, actor: null, assignees: [], mentions: [], subject: null },
});

/** A value JSON.stringify cannot write: it overflows the stack. */
function tooDeep(): unknown {
  let value: unknown = [];
  for (let i = 0; i < 20_000; i++) value = [value];
  return value;
}

forEachEngine('one failure stays with its owner', (engine) => {
  it('a record that cannot be written fails alone; the others in its group commit', async () => {
    store = await openTestStore(engine);
    const log = new EventLog(store.events);
    // Same turn of the event loop: one group, one transaction.
    const [good, bad, alsoGood] = await Promise.allSettled([
      log.append([event('wsp_a', { n: 1 })]),
      log.append([event('wsp_a', tooDeep())]),
      log.append([event('wsp_a', { n: 3 })]),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    expect(alsoGood.status).toBe('fulfilled');
    expect((await log.after(['wsp_a'], 0, 10)).map((e) => e.payload)).toEqual([{ n: 1 }, { n: 3 }]);
    // The failed record left no half-written delivery behind.
    expect(await store.db.selectFrom('deliveries').select('id').execute()).toHaveLength(2);
  });

  it('a push client whose send throws does not stop the others, nor the log', async () => {
    store = await openTestStore(engine);
    const log = new EventLog(store.events);
    const logged: unknown[] = [];
    const hub = new PushHub(log, store.signals, { error: (message, fields) => logged.push({ message, ...fields }), info: () => {} });
    await hub.start();
    const received: WeftEvent[] = [];
    hub.attach({ workspaceIds: new Set(['wsp_a']), send: () => { throw new Error('socket exploded'); } });
    hub.attach({ workspaceIds: new Set(['wsp_a']), send: (frame) => void received.push(frame.event) });
    await log.append([event('wsp_a', { n: 1 })]);
    await log.append([event('wsp_a', { n: 2 })]);
    await until(() => received.length === 2);
    expect(received.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(logged).toEqual([expect.objectContaining({ message: expect.stringMatching(/push client/i), error: expect.stringContaining('socket exploded') }), expect.anything()]);
  });
});

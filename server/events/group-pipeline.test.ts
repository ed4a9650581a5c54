import { describe, expect, it } from 'vitest';
import type { WeftEvent } from '../../shared/protocol/events';
import type { EventStore } from '../store/event-store';
import type { AppendOutcome, IntakeRecord } from '../store/intake-record';
import { EventLog } from './event-log';

// How many groups the event log hands a store before the first commits (the store's
// `groupsInFlight`), and that groups still settle and publish in the order they left.

const record = (key: string): IntakeRecord => ({
  provider: 'test', endpointId: null, eventType: 'test.thing', status: 'accepted', reason: null, workspaceIds: ['wsp_a'],
  bodyPreview: '', body: null, items: [{ key, events: [{
    workspaceId: 'wsp_a', type: 'test.thing', provider: 'test', connectionId: null, payload: { key },
    summary: { title: key, url: null, actor: null, assignees: [], mentions: [], subject: null },
  }] }],
});

/** A store whose groups commit when the test says so, in the order they were handed over, as the contract asks. */
function heldStore(groupsInFlight: number | undefined) {
  const handed: { keys: string[]; commit: () => void }[] = [];
  let nextId = 1;
  const store: EventStore = {
    groupsInFlight,
    appendGroup(records) {
      return new Promise<AppendOutcome[]>((resolve) => {
        handed.push({
          keys: records.map((r) => r.items[0]!.key!),
          commit: () => resolve(records.map((r) => ({
            ok: true, stored: { deliveryId: nextId, status: 'accepted', createdAt: '2026-12-01T00:00:00.000Z', events: [{ id: nextId++, event: r.items[0]!.events[0]!, payloadIsBody: false }] },
          }))),
        });
      });
    },
    after: async () => [],
    afterAll: async () => [],
    latestId: async () => nextId - 1,
  };
  return { store, handed };
}

/** Two turns of the event loop: a settled group's clean-up schedules the next flush for the turn after. */
const turn = async () => {
  for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
};

describe('group commit in flight', () => {
  it('hands a store that takes two the next group while the first commits, and a third waits; events publish in id order', async () => {
    const { store, handed } = heldStore(2);
    const log = new EventLog(store);
    const published: number[] = [];
    log.subscribe((events: WeftEvent[]) => published.push(...events.map((e) => e.id)));

    const first = log.record(record('a'));
    await turn();
    const second = [log.record(record('b')), log.record(record('c'))];
    await turn();
    expect(handed.map((g) => g.keys)).toEqual([['a'], ['b', 'c']]);

    const third = log.record(record('d'));
    await turn();
    expect(handed).toHaveLength(2);

    handed[0]!.commit();
    expect((await first).events.map((e) => e.id)).toEqual([1]);
    await turn();
    expect(handed.map((g) => g.keys)).toEqual([['a'], ['b', 'c'], ['d']]);
    handed[1]!.commit();
    handed[2]!.commit();
    expect((await Promise.all([...second, third])).map((r) => r.events[0]!.id)).toEqual([2, 3, 4]);
    expect(published).toEqual([1, 2, 3, 4]);
  });

  it('hands a store that says nothing one group at a time: what arrives meanwhile joins the next', async () => {
    const { store, handed } = heldStore(undefined);
    const log = new EventLog(store);
    const first = log.record(record('a'));
    await turn();
    const rest = [log.record(record('b')), log.record(record('c'))];
    await turn();
    expect(handed.map((g) => g.keys)).toEqual([['a']]);
    handed[0]!.commit();
    await first;
    await turn();
    expect(handed.map((g) => g.keys)).toEqual([['a'], ['b', 'c']]);
    handed[1]!.commit();
    await Promise.all(rest);
  });
});

import { afterEach, expect, it } from 'vitest';
import type { IntakeItem, IntakeRecord, NewEvent } from './intake-record';
import type { Store } from './open';
import { forEachEngine, openTestStore } from './testing/engines';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const event = (n: number, workspaceId = 'wsp_a'): NewEvent => ({
  workspaceId, type: 'test.thing', provider: 'test', connectionId: null, payload: { n },
  summary: { title: `thing ${n}`, url: null, actor: null, assignees: [], mentions: [], subject: null },
});
const record = (items: IntakeItem[], over: Partial<IntakeRecord> = {}): IntakeRecord => ({
  provider: 'test', endpointId: null, eventType: 'test.thing', status: 'accepted', reason: null, workspaceIds: ['wsp_a'],
  bodyPreview: '', body: null, items, ...over,
});
const one = (key: string | null, n: number, workspaceId = 'wsp_a') => record([{ key, events: [event(n, workspaceId)] }]);

/** A value JSON.stringify cannot write: it overflows the stack. */
function tooDeep(): unknown {
  let value: unknown = [];
  for (let i = 0; i < 20_000; i++) value = [value];
  return value;
}

const ns = (rows: { payload_text: string | null }[]) => rows.map((r) => JSON.parse(r.payload_text!).n);

forEachEngine('the event store', (engine) => {
  it('a group commits together; a record that cannot be written fails alone and leaves nothing; what settles is readable', async () => {
    store = await openTestStore(engine);
    const bad = record([{ key: 'b', events: [{ ...event(2), payload: tooDeep() }] }]);
    const outcomes = await store.events.appendGroup([one('a', 1), bad, one('c', 3), one('a', 4)]);

    expect(outcomes.map((o) => (o.ok ? o.stored.status : 'failed'))).toEqual(['accepted', 'failed', 'accepted', 'duplicate']);
    const rows = await store.db.selectFrom('deliveries').select(['delivery_key', 'status', 'event_count']).orderBy('id').execute();
    expect(rows).toEqual([
      { delivery_key: 'a', status: 'accepted', event_count: 1 },
      { delivery_key: 'c', status: 'accepted', event_count: 1 },
      { delivery_key: 'a', status: 'duplicate', event_count: 0 },
    ]);
    // The failed record's receipt went with it: its key is still new.
    expect((await store.events.appendGroup([one('b', 5)]))[0]).toMatchObject({ ok: true, stored: { status: 'accepted' } });
    expect(ns(await store.events.after(['wsp_a'], 0, 10))).toEqual([1, 3, 5]);
  });

  it('ids come back in order, as the events of the group were given, and each is what a read returns', async () => {
    store = await openTestStore(engine);
    const outcomes = await store.events.appendGroup([
      record([{ key: 'x', events: [event(1), event(2, 'wsp_b'), event(3)] }], { workspaceIds: ['wsp_a', 'wsp_b'] }),
      one(null, 4),
    ]);
    const stored = outcomes.flatMap((o) => (o.ok ? o.stored.events : []));
    expect(stored.map((e) => (e.event.payload as { n: number }).n)).toEqual([1, 2, 3, 4]);
    const ids = stored.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const read = await store.events.afterAll(0, 10);
    expect(read.map((r) => [Number(r.id), JSON.parse(r.payload_text!).n])).toEqual(stored.map((e) => [e.id, (e.event.payload as { n: number }).n]));
    expect(read[1]).toMatchObject({ workspace_id: 'wsp_b', type: 'test.thing', provider: 'test', connection_id: null, summary: JSON.stringify(event(2).summary) });
    expect(Number(read[0]!.delivery_id)).toBe(outcomes[0]!.ok && outcomes[0]!.stored.deliveryId);
  });

  it('dedupes per item key: seen before, or earlier in the same request; keyless items always count', async () => {
    store = await openTestStore(engine);
    await store.events.appendGroup([one('k1', 1)]);
    const [batch, again] = await store.events.appendGroup([
      record([
        { key: 'k1', events: [event(2)] }, // seen in an earlier group
        { key: 'k2', events: [event(3)] },
        { key: 'k2', events: [event(4)] }, // the same key again in this request
        { key: null, events: [event(5)] },
      ]),
      record([{ key: 'k2', events: [event(6)] }, { key: 'k1', events: [event(7)] }]),
    ]);
    expect(batch).toMatchObject({ ok: true, stored: { status: 'accepted' } });
    expect(again).toMatchObject({ ok: true, stored: { status: 'duplicate', events: [] } });
    expect(ns(await store.events.after(['wsp_a'], 0, 10))).toEqual([1, 3, 5]);
    const counts = await store.db.selectFrom('deliveries').select(['status', 'event_count']).orderBy('id').execute();
    expect(counts).toEqual([{ status: 'accepted', event_count: 1 }, { status: 'accepted', event_count: 2 }, { status: 'duplicate', event_count: 0 }]);
  });

  it('an event whose payload is the body stores the body once and reads it back; refused and unrouted requests add no event', async () => {
    store = await openTestStore(engine);
    const body = JSON.stringify({ action: 'opened', number: 7 });
    const [withBody, unrouted] = await store.events.appendGroup([
      record([{ key: 'g1', events: [{ ...event(1), payload: JSON.parse(body), payloadIsBody: true }] }], { body }),
      record([{ key: 'g2', events: [] }], { status: 'unrouted', body, workspaceIds: [] }),
    ]);
    expect(withBody).toMatchObject({ ok: true, stored: { status: 'accepted', events: [{ payloadIsBody: true }] } });
    expect(unrouted).toMatchObject({ ok: true, stored: { status: 'unrouted', events: [] } });
    const [read] = await store.events.afterAll(0, 10);
    expect(read!.payload_text).toBe(body);
    expect(await store.db.selectFrom('events').select('payload').execute()).toEqual([{ payload: null }]);
    // An unrouted request writes no receipt: the same delivery routed later is not a duplicate.
    expect((await store.events.appendGroup([one('g2', 2)]))[0]).toMatchObject({ ok: true, stored: { status: 'accepted' } });
  });

  it('after reads the given workspaces, afterAll every one; both oldest first from the cursor, up to the limit; latestId is the newest', async () => {
    store = await openTestStore(engine);
    expect(await store.events.latestId()).toBe(0);
    await store.events.appendGroup([one('a1', 1), one('b2', 2, 'wsp_b'), one('a3', 3), one('b4', 4, 'wsp_b')]);

    expect(ns(await store.events.after(['wsp_a'], 0, 10))).toEqual([1, 3]);
    expect(ns(await store.events.after(['wsp_a', 'wsp_b'], 0, 3))).toEqual([1, 2, 3]);
    expect(await store.events.after([], 0, 10)).toEqual([]);
    expect(ns(await store.events.afterAll(0, 10))).toEqual([1, 2, 3, 4]);
    const [, second] = await store.events.afterAll(0, 2);
    expect(ns(await store.events.afterAll(Number(second!.id), 10))).toEqual([3, 4]);
    const latest = await store.events.latestId();
    expect(latest).toBe(Number((await store.events.afterAll(0, 10)).at(-1)!.id));
    expect(await store.events.afterAll(latest, 10)).toEqual([]);
  });

  it('text holding U+0000 is written (as U+FFFD on PostgreSQL, whose text cannot hold it) and dedupes as itself', async () => {
    store = await openTestStore(engine);
    const odd = (n: number) => record([{ key: 'k\u00001', events: [{ ...event(n), type: 'test.\u0000' }] }], { eventType: 'x\u0000y', bodyPreview: '\u0000' });
    const [first] = await store.events.appendGroup([odd(1)]);
    const [again] = await store.events.appendGroup([odd(2)]);
    expect(first).toMatchObject({ ok: true, stored: { status: 'accepted' } });
    expect(again).toMatchObject({ ok: true, stored: { status: 'duplicate' } });
    const nul = engine === 'postgres' ? '\uFFFD' : '\u0000';
    expect((await store.events.afterAll(0, 10)).map((r) => r.type)).toEqual([`test.${nul}`]);
    expect(await store.db.selectFrom('deliveries').select(['event_type', 'delivery_key', 'body_preview']).orderBy('id').execute())
      .toEqual([1, 2].map(() => ({ event_type: `x${nul}y`, delivery_key: `k${nul}1`, body_preview: nul })));
  });
});

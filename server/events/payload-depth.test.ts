import { afterEach, expect, it, vi } from 'vitest';
import * as jsonDepth from '../lib/json-depth';
import { DEPTH_UNCHECKED_THROUGH } from '../store/migrations/012-events-depth-watermark';
import type { Store } from '../store/open';
import { forEachEngine, openTestStore } from '../store/testing/engines';
import { EventLog, type IntakeRecord } from './event-log';

vi.mock('../lib/json-depth', async (actual) => {
  const real = await actual<typeof jsonDepth>();
  return { ...real, jsonNestsDeeperThan: vi.fn(real.jsonNestsDeeperThan) };
});
const scans = vi.mocked(jsonDepth.jsonNestsDeeperThan);

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** A custom-webhook-like record whose event's payload is its body. */
const delivery = (body: string): IntakeRecord => ({
  provider: 'custom', endpointId: null, eventType: 'custom.x', status: 'accepted', reason: null, workspaceIds: ['wsp_a'],
  bodyPreview: body.slice(0, 500), body,
  items: [{ key: null, events: [{
    workspaceId: 'wsp_a', type: 'custom.x', provider: 'custom', connectionId: null, payload: JSON.parse(body), payloadIsBody: true,
    summary: { title: 'x', url: null, actor: null, assignees: [], mentions: [], subject: null },
  }] }],
});
const deep = `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;

forEachEngine('payload depth: checked once when appended, not on every read', (engine) => {
  it('a body nested too deeply is refused at append and nothing is written; reads of events appended since scan no payload', async () => {
    store = await openTestStore(engine);
    const log = new EventLog(store.events);
    await expect(log.record(delivery(deep))).rejects.toThrow('64 levels');
    expect(await store.db.selectFrom('deliveries').select('id').execute()).toEqual([]);

    await Promise.all([1, 2, 3].map((n) => log.record(delivery(JSON.stringify({ n, nested: [[{ a: [1] }]] })))));
    scans.mockClear();
    const read = await log.after(['wsp_a'], 0, 10);
    expect(read.map((e) => (e.payload as { n: number }).n)).toEqual([1, 2, 3]);
    expect(await log.afterAll(0, 10)).toHaveLength(3);
    expect(scans).not.toHaveBeenCalled();
  });

  it('events stored before the mark (migration 012) are scanned when read, and one that cannot be serialised is replaced', async () => {
    store = await openTestStore(engine);
    const log = new EventLog(store.events);
    // What an older release wrote: the body stored as it came, with no depth check.
    const { id: deliveryId } = await store.db.insertInto('deliveries').values({
      provider: 'custom', endpoint_id: null, delivery_key: null, event_type: 'custom.x', status: 'accepted', reason: null,
      workspace_ids: '["wsp_a"]', received_at: new Date().toISOString(), body_preview: '', body: deep, headers: '{}', event_count: 1,
    }).returning('id').executeTakeFirstOrThrow();
    await store.db.insertInto('events').values({
      workspace_id: 'wsp_a', type: 'custom.x', provider: 'custom', connection_id: null, delivery_id: deliveryId,
      summary: JSON.stringify({ title: 'old', url: null, actor: null, assignees: [], mentions: [], subject: null }), payload: null,
      created_at: new Date().toISOString(),
    }).execute();
    const oldId = await log.latestId();
    await store.db.updateTable('meta').set({ value: String(oldId) }).where('key', '=', DEPTH_UNCHECKED_THROUGH).execute();
    await log.record(delivery('{"n":2}'));

    scans.mockClear();
    const [old, recent] = await log.after(['wsp_a'], 0, 10);
    expect(old).toMatchObject({ id: oldId, summary: { title: 'old' }, payload: { omitted: 'too_deep' } });
    expect(recent!.payload).toEqual({ n: 2 });
    expect(scans).toHaveBeenCalledTimes(1);
  });
});

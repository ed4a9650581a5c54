import { afterEach, expect, it } from 'vitest';
import type { Delivery } from '../../shared/protocol/deliveries';
import { pruneEventsAndDeliveries } from '../events/retention';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp | undefined;
afterEach(async () => t?.close());

forEachEngine('the delivery log after retention', (engine) => {
  it('lists only deliveries that still replay as they were; a pruned one is a 404, a kept one reaches its owner', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const { id } = (await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Forms', signed: false } })).json;
    for (const title of ['first', 'second']) await t.app.request(`/hooks/custom/${id}`, { method: 'POST', body: JSON.stringify({ title }) });
    const before = (await t.call('GET', '/api/deliveries', { token: ada.token })).json.deliveries as Delivery[];
    const [second, first] = before;

    // The workspace may keep one event: the first delivery's event goes, and the delivery with it.
    const report = await pruneEventsAndDeliveries(t.deps.store, Date.now(), { days: 30, eventsPerWorkspace: 1 });
    expect(report).toMatchObject({ events: 1, deliveries: 1 });

    const after = (await t.call('GET', '/api/deliveries', { token: ada.token })).json.deliveries as Delivery[];
    expect(after.map((d) => d.id)).toEqual([second!.id]);
    // A page opened before the prune still shows the first: its Replay says it is gone.
    const gone = await t.call('POST', `/api/deliveries/${first!.id}/replay`, { token: ada.token });
    expect(gone.status).toBe(404);
    expect(gone.json.error.message).toMatch(/delivery/i);
    // The kept custom delivery still finds its event, so the replay reaches Ada's workspace.
    const replay = await t.call('POST', `/api/deliveries/${second!.id}/replay`, { token: ada.token });
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ events: 1, delivery: { reason: `Replay of delivery #${second!.id}` } });
    const events = (await t.call('GET', '/api/events', { token: ada.token })).json.events;
    expect(events.map((e: { payload: unknown }) => e.payload)).toEqual([{ title: 'second' }, { title: 'second' }]);
  });
});

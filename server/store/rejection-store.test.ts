import { afterEach, expect, it } from 'vitest';
import type { Store } from './open';
import type { RejectedRow } from './rejection-store';
import { forEachEngine, openTestStore } from './testing/engines';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const row = (over: Partial<RejectedRow> = {}): RejectedRow => ({
  provider: 'custom', endpointId: 'whk_1', eventType: 'custom.whk_1', reason: 'The signature does not match.', workspaceIds: ['wsp_owner'],
  bodyPreview: '{"forged":true}', receivedAt: '2026-11-30T16:10:00.000Z', ...over,
});

const rejectedRows = (s: Store) =>
  s.db.selectFrom('deliveries').select(['provider', 'endpoint_id', 'status', 'reason', 'workspace_ids', 'body', 'body_preview', 'event_count']).where('status', '=', 'rejected').orderBy('id').execute();

forEachEngine('refused webhook requests (store.rejections)', (engine) => {
  it('writes the row and counts it until the cap, then writes nothing; the cap holds under concurrent writers', async () => {
    store = await openTestStore(engine);
    expect(await store.rejections.logRejected('custom:whk_1', '2026-11-30T16', row(), 3)).toBe(true);
    expect(await rejectedRows(store)).toEqual([
      { provider: 'custom', endpoint_id: 'whk_1', status: 'rejected', reason: 'The signature does not match.', workspace_ids: '["wsp_owner"]', body: null, body_preview: '{"forged":true}', event_count: 0 },
    ]);
    // 20 at once against a cap of 3: exactly two more get through.
    const written = await Promise.all(Array.from({ length: 20 }, () => store!.rejections.logRejected('custom:whk_1', '2026-11-30T16', row(), 3)));
    expect(written.filter(Boolean)).toHaveLength(2);
    expect(await rejectedRows(store)).toHaveLength(3);
    // Another hour, another endpoint: caps of their own.
    expect(await store.rejections.logRejected('custom:whk_1', '2026-11-30T17', row(), 3)).toBe(true);
    expect(await store.rejections.logRejected('github', '2026-11-30T16', row({ provider: 'github', endpointId: null, workspaceIds: [] }), 3)).toBe(true);
    expect(await rejectedRows(store)).toHaveLength(5);
    const counters = await store.db.selectFrom('rejected_delivery_counts').select(['endpoint_key', 'hour', 'logged', 'dropped']).orderBy('endpoint_key').orderBy('hour').execute();
    expect(counters).toEqual([
      { endpoint_key: 'custom:whk_1', hour: '2026-11-30T16', logged: 3, dropped: 0 },
      { endpoint_key: 'custom:whk_1', hour: '2026-11-30T17', logged: 1, dropped: 0 },
      { endpoint_key: 'github', hour: '2026-11-30T16', logged: 1, dropped: 0 },
    ]);
  });

  it('sums counted-only refusals for their owners, from an hour on, by provider when asked', async () => {
    store = await openTestStore(engine);
    const tally = (endpointKey: string, hour: string, provider: string, workspaceIds: string[], dropped: number) =>
      ({ endpointKey, hour, provider, endpointId: endpointKey.startsWith('custom:') ? endpointKey.slice(7) : null, workspaceIds, dropped });
    await store.rejections.addDropped([
      tally('custom:whk_1', '2026-11-30T15', 'custom', ['wsp_owner'], 4),
      tally('custom:whk_1', '2026-11-30T16', 'custom', ['wsp_owner'], 5),
      tally('custom:whk_2', '2026-11-30T16', 'custom', ['wsp_other'], 100),
      tally('github', '2026-11-30T16', 'github', [], 1000),
    ]);
    await store.rejections.addDropped([tally('custom:whk_1', '2026-11-30T16', 'custom', ['wsp_owner'], 2)]);
    await store.rejections.addDropped([]);
    expect(await store.rejections.droppedSince(['wsp_owner'], '2026-11-30T15')).toBe(11);
    expect(await store.rejections.droppedSince(['wsp_owner'], '2026-11-30T16')).toBe(7);
    expect(await store.rejections.droppedSince(['wsp_owner', 'wsp_other'], '2026-11-30T16')).toBe(107);
    expect(await store.rejections.droppedSince(['wsp_owner'], '2026-11-30T15', 'custom')).toBe(11);
    expect(await store.rejections.droppedSince(['wsp_owner'], '2026-11-30T15', 'github')).toBe(0);
    expect(await store.rejections.droppedSince([], '2026-11-30T00')).toBe(0);
    expect(await store.rejections.droppedSince(['wsp_nobody'], '2026-11-30T00')).toBe(0);
  });
});

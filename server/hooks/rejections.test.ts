import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/open';
import { forEachEngine, openTestStore } from '../store/testing/engines';
import { RejectedDeliveries, REJECTED_ROWS_PER_HOUR, REJECTIONS_PER_SOURCE, SOURCE_WINDOW_MS, type RejectedRequest } from './rejections';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const forged = (endpointId: string | null, workspaceIds: string[] = []): RejectedRequest => ({
  provider: endpointId ? 'custom' : 'github', endpointId, eventType: 'unknown', reason: 'X-Hub-Signature-256 does not match.', workspaceIds, bodyPreview: '{}',
});

const rows = async (s: Store) => (await s.db.selectFrom('deliveries').select('id').where('status', '=', 'rejected').execute()).length;

forEachEngine('RejectedDeliveries', (engine) => {
  it('many sources against one endpoint: rows stop at the hourly cap, the rest are counted, the next hour logs again', async () => {
    store = await openTestStore(engine);
    let now = Date.parse('2026-11-30T16:10:00Z');
    const rejections = new RejectedDeliveries(store.rejections, () => now);
    const outcomes = [];
    for (let i = 0; i < 1500; i++) outcomes.push((await rejections.note(`10.0.${i >> 8}.${i & 255}`, forged('whk_1', ['wsp_owner']))).kind);
    expect(await rows(store)).toBe(REJECTED_ROWS_PER_HOUR);
    expect(outcomes.filter((k) => k === 'logged')).toHaveLength(REJECTED_ROWS_PER_HOUR);
    expect(await rejections.countedOnly(['wsp_owner'], now - 3_600_000)).toBe(1500 - REJECTED_ROWS_PER_HOUR);
    expect(await rejections.countedOnly(['wsp_stranger'], now - 3_600_000)).toBe(0);

    // Another endpoint has its own cap; a new hour starts a new one.
    expect((await rejections.note('10.9.9.9', forged(null))).kind).toBe('logged');
    now += 3_600_000;
    expect((await rejections.note('10.9.9.8', forged('whk_1', ['wsp_owner']))).kind).toBe('logged');
    expect(await rows(store)).toBe(REJECTED_ROWS_PER_HOUR + 2);
  });

  it('requests refused at the same time never write more rows than the cap', async () => {
    store = await openTestStore(engine);
    const rejections = new RejectedDeliveries(store.rejections, () => Date.parse('2026-11-30T16:10:00Z'));
    const outcomes = await Promise.all(Array.from({ length: 300 }, (_, i) => rejections.note(`10.3.${i >> 8}.${i & 255}`, forged('whk_3', ['wsp_owner']))));
    expect(outcomes.filter((o) => o.kind === 'logged')).toHaveLength(REJECTED_ROWS_PER_HOUR);
    expect(await rows(store)).toBe(REJECTED_ROWS_PER_HOUR);
    expect(await rejections.countedOnly(['wsp_owner'], Date.parse('2026-11-30T16:00:00Z'))).toBe(300 - REJECTED_ROWS_PER_HOUR);
  });

  it('the cap survives a restart and holds across instances sharing the database (it is kept in the table)', async () => {
    store = await openTestStore(engine);
    const now = () => Date.parse('2026-11-30T16:10:00Z');
    const first = new RejectedDeliveries(store.rejections, now);
    const second = new RejectedDeliveries(store.rejections, now);
    // Two instances taking turns: together they stop at one cap, not one each.
    for (let i = 0; i < REJECTED_ROWS_PER_HOUR; i++) await (i % 2 ? first : second).note(`10.1.0.${i}`, forged(null));
    expect((await first.note('10.2.0.1', forged(null))).kind).toBe('counted');
    expect((await second.note('10.2.0.2', forged(null))).kind).toBe('counted');
    const restarted = new RejectedDeliveries(store.rejections, now);
    expect((await restarted.note('10.2.0.3', forged(null))).kind).toBe('counted');
    expect(await rows(store)).toBe(REJECTED_ROWS_PER_HOUR);
  });

  it('counts still in memory are written by a flush (as at shutdown) and read by the next instance', async () => {
    store = await openTestStore(engine);
    const now = () => Date.parse('2026-11-30T16:10:00Z');
    const before = new RejectedDeliveries(store.rejections, now);
    for (let i = 0; i < REJECTED_ROWS_PER_HOUR + 7; i++) await before.note(`10.4.0.${i}`, forged('whk_4', ['wsp_owner']));
    await before.flush();
    const after = new RejectedDeliveries(store.rejections, now);
    expect(await after.countedOnly(['wsp_owner'], Date.parse('2026-11-30T16:00:00Z'))).toBe(7);
  });

  it('one source: 429s past its limit, for the window, then it may be refused normally again', async () => {
    store = await openTestStore(engine);
    let now = Date.parse('2026-11-30T16:10:00Z');
    const rejections = new RejectedDeliveries(store.rejections, () => now);
    for (let i = 0; i < REJECTIONS_PER_SOURCE; i++) expect((await rejections.note('203.0.113.7', forged('whk_2'))).kind).not.toBe('throttled');
    const throttled = await rejections.note('203.0.113.7', forged('whk_2'));
    expect(throttled).toEqual({ kind: 'throttled', retryAfterS: SOURCE_WINDOW_MS / 1000 });
    expect((await rejections.note('198.51.100.1', forged('whk_2'))).kind).not.toBe('throttled');
    now += SOURCE_WINDOW_MS;
    expect((await rejections.note('203.0.113.7', forged('whk_2'))).kind).not.toBe('throttled');
  });
});

describe('RejectedDeliveries with the database unreachable', () => {
  it('still answers the refusal (counted, not thrown), and says in the log why no row was written', async () => {
    const errors: string[] = [];
    const down = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    const rejections = new RejectedDeliveries(
      { logRejected: down, addDropped: down, droppedSince: down },
      () => Date.parse('2026-11-30T16:10:00Z'),
      { error: (message) => errors.push(message) },
    );
    expect(await rejections.note('203.0.113.7', forged(null))).toEqual({ kind: 'counted' });
    expect(errors).toEqual(['Could not log a refused webhook request']);
    await expect(rejections.flush()).rejects.toThrow('ECONNREFUSED');
  });
});

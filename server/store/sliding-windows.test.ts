import { afterEach, expect, it } from 'vitest';
import type { Store } from './open';
import { forEachEngine, openSharedTestStores, openTestStore } from './testing/engines';

// The sliding windows every instance shares (store.windows), on both engines.

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function open(engine: Parameters<typeof openTestStore>[0]): Promise<Store> {
  const store = await openTestStore(engine);
  cleanup = () => store.close();
  return store;
}

const rows = async (store: Store) => (await store.db.selectFrom('limit_stamps').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

forEachEngine('sliding windows', (engine) => {
  it('counts up to max, then says how long until the oldest counted turn expires; clear starts over', async () => {
    const store = await open(engine);
    const w = { key: 'k', max: 3, windowMs: 1000 };
    for (let t = 0; t < 3; t++) expect(await store.windows.take('k', [w], t * 100)).toBe(0);
    // Turns at 0, 100, 200 expire at 1000, 1100, 1200: one is free again at 1000.
    expect(await store.windows.take('k', [w], 300)).toBe(700);
    expect(await store.windows.count('k', 300)).toBe(3);
    expect(await store.windows.take('k', [w], 1000)).toBe(0);
    expect(await store.windows.count('k', 1000)).toBe(3);
    await store.windows.clear('k');
    expect(await store.windows.count('k', 1000)).toBe(0);
    expect(await store.windows.count('other', 1000)).toBe(0);
  });

  it('a take under several windows counts in all of them or in none', async () => {
    const store = await open(engine);
    const wide = { key: 'con_1', max: 10, windowMs: 10_000 };
    const narrow = { key: 'con_1:search', max: 1, windowMs: 1000 };
    expect(await store.windows.take('con_1', [wide, narrow], 0)).toBe(0);
    expect(await store.windows.take('con_1', [wide, narrow], 10)).toBe(990);
    expect(await store.windows.count('con_1', 10)).toBe(1);
    expect(await store.windows.take('con_1', [wide], 10)).toBe(0);
    expect(await store.windows.count('con_1', 10)).toBe(2);
  });

  it('prune deletes the expired turns, then the soonest to expire down to the cap', async () => {
    const store = await open(engine);
    for (let i = 0; i < 5; i++) await store.windows.take(`old${i}`, [{ key: `old${i}`, max: 1, windowMs: 100 }], 0);
    for (let i = 0; i < 10; i++) await store.windows.take(`new${i}`, [{ key: `new${i}`, max: 1, windowMs: 1000 + i }], 0);
    expect(await rows(store)).toBe(15);
    expect(await store.windows.prune(500, 4)).toBe(11);
    expect(await rows(store)).toBe(4);
    // The four kept are the four that count longest.
    for (let i = 0; i < 10; i++) expect(await store.windows.count(`new${i}`, 500)).toBe(i >= 6 ? 1 : 0);
  });
});

forEachEngine('sliding windows shared by instances', (engine) => {
  it('two instances taking at once from one window count exactly max turns between them', async () => {
    const shared = await openSharedTestStores(engine, 2);
    cleanup = shared.close;
    const w = { key: 'con_1', max: 5, windowMs: 60_000 };
    const takes = await Promise.all(Array.from({ length: 40 }, (_, i) => shared.stores[i % 2]!.windows.take('con_1', [w], 1000)));
    expect(takes.filter((wait) => wait === 0)).toHaveLength(5);
    expect(takes.filter((wait) => wait > 0).every((wait) => wait === 60_000)).toBe(true);
    expect(await shared.stores[1]!.windows.count('con_1', 1000)).toBe(5);
  });
});

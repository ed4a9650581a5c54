import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/open';
import { createTestDatabase, openTestStore } from '../store/testing/engines';
import { cutListenConnections } from '../store/testing/listen-connection';
import { SessionEnds } from './session-ends';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Two instances' SessionEnds over one PostgreSQL database. */
async function twoInstances() {
  const database = await createTestDatabase();
  const stores: Store[] = [await openTestStore('postgres', { databaseUrl: database.url }), await openTestStore('postgres', { databaseUrl: database.url })];
  cleanups.push(async () => {
    for (const store of stores) await store.close();
    await database.drop();
  });
  return { a: new SessionEnds(stores[0]!.signals), b: new SessionEnds(stores[1]!.signals), stores };
}

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Announces on A until B's watcher hears it: B hears only once its LISTEN connection is up. */
async function announceUntilHeard(a: SessionEnds, sessionId: string, heard: () => boolean) {
  const end = Date.now() + 5_000;
  while (!heard()) {
    if (Date.now() > end) throw new Error('B never heard A');
    await a.announce(sessionId);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function watcher() {
  const said: string[] = [];
  return { said, watcher: { ended: () => said.push('ended'), recheck: () => said.push('recheck') } };
}

describe('session ends', () => {
  it('in one process: a sign-out ends that session’s watchers at once, once, and no other session’s', async () => {
    const ends = new SessionEnds();
    const ada = watcher();
    const other = watcher();
    ends.subscribe('ada', ada.watcher);
    ends.subscribe('other', other.watcher);
    await ends.announce('ada');
    await ends.announce('ada');
    expect(ada.said).toEqual(['ended']);
    expect(other.said).toEqual([]);
  });

  it('on PostgreSQL: a sign-out announced on instance A ends the session’s watchers on instance B', async () => {
    const { a, b } = await twoInstances();
    const onB = watcher();
    const otherOnB = watcher();
    const stopOther = b.subscribe('other session', otherOnB.watcher);
    b.subscribe('ada session', onB.watcher);
    // (A sign-out before B's connection is up is caught by the periodic re-check: not this test.)
    await announceUntilHeard(a, 'ada session', () => onB.said.length > 0);
    expect(onB.said).toEqual(['ended']);
    expect(otherOnB.said).toEqual([]);
    stopOther();
  });

  it('on PostgreSQL: after B’s LISTEN connection is lost and back, B’s watchers re-check their sessions', async () => {
    const { a, b, stores } = await twoInstances();
    const onB = watcher();
    b.subscribe('ada session', onB.watcher);
    // Up once a sign-out from A is heard on B (another session's, so Ada's watcher stays).
    const probe = watcher();
    b.subscribe('probe', probe.watcher);
    await announceUntilHeard(a, 'probe', () => probe.said.length > 0);
    expect(await cutListenConnections(stores[0]!)).toBe(2);
    await until(() => onB.said.includes('recheck'));
    expect(onB.said).toEqual(['recheck']);
  });
});

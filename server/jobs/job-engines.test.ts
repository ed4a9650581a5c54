import { sql, type Kysely } from 'kysely';
import { expect, it, vi } from 'vitest';
import { createLogger } from '../lib/log';
import { openStore, type Store } from '../store/open';
import type { Database } from '../store/schema';
import { createTestDatabase, forEachEngine } from '../store/testing/engines';
import { describeJobEngine, type JobEngineHarness } from './job-engine-contract';

const LEASE_MS = 30_000;
const quiet = createLogger(() => {});

/**
 * The embedded engine on in-memory SQLite. Its clock is the test's: every due time,
 * lease and backoff is read from `now`, which `advance` moves.
 */
async function sqliteHarness(random?: () => number): Promise<JobEngineHarness> {
  const store = await openStore(':memory:');
  let clock = Date.parse('2026-03-01T12:00:30Z');
  const options = { log: quiet, now: () => clock, leaseMs: LEASE_MS, heartbeatMs: 10, random };
  return {
    queue: store.jobQueue(options),
    db: store.db,
    now: () => clock,
    cronNow: () => clock,
    advance: async (ms) => void (clock += ms),
    leaseMs: LEASE_MS,
    // One server per data folder: a second "instance" is a second engine on the same database.
    otherInstance: async () => ({ queue: store.jobQueue(options), db: store.db, close: async () => {} }),
    close: () => store.close(),
  };
}

/**
 * graphile-worker reads the database's clock (`now()`), so time cannot be moved forward
 * for it; the harness moves the world back instead: run times, locks and failure times,
 * by the same amount.
 */
async function shiftBack(db: Kysely<Database>, ms: number): Promise<void> {
  const by = sql`(${ms}::double precision * interval '1 millisecond')`;
  await sql`update graphile_worker._private_jobs set run_at = run_at - ${by}, locked_at = locked_at - ${by}, updated_at = updated_at - ${by}`.execute(db);
  await sql`update graphile_worker._private_job_queues set locked_at = locked_at - ${by}`.execute(db);
}

/** graphile-worker on a PostgreSQL database of the test's own; a second instance is a second store (pool) on it. */
async function postgresHarness(random?: () => number): Promise<JobEngineHarness> {
  const database = await createTestDatabase();
  // Cron schedules read the queue's `now` option, not the database: they get a clock of the
  // test's, which only `advance` moves, so the only minute boundaries a test crosses are the
  // ones it moves over itself. (On the wall clock, a minute that turned between a tick and
  // the check that nothing more fires, on a busy machine, was a second tick.)
  let cronClock = Date.parse('2026-03-01T12:00:30Z');
  const stores: Store[] = [];
  const open = async () => {
    const store = await openStore({ databaseUrl: database.url, poolSize: 6 });
    stores.push(store);
    return store;
  };
  const options = { log: quiet, leaseMs: LEASE_MS, heartbeatMs: 10, random, now: () => cronClock };
  const store = await open();
  return {
    queue: store.jobQueue(options),
    db: store.db,
    now: () => Date.now(),
    cronNow: () => cronClock,
    advance: async (ms) => {
      cronClock += ms;
      await shiftBack(store.db, ms);
    },
    leaseMs: LEASE_MS,
    otherInstance: async () => {
      const other = await open();
      return { queue: other.jobQueue(options), db: other.db, close: () => other.close() };
    },
    async close() {
      for (const s of stores) await s.close().catch(() => {});
      await database.drop();
    },
  };
}

const harnesses = { sqlite: sqliteHarness, postgres: postgresHarness };

forEachEngine('jobs', (engine) => {
  describeJobEngine(engine === 'sqlite' ? 'SQLite jobs table' : 'PostgreSQL graphile-worker', () => harnesses[engine]());

  it('a retry waits longer or shorter by a random draw (jitter), so jobs that failed together do not come back together', async () => {
    const measured: { shortest: number; longest: number }[] = [];
    for (const draw of [0, 1]) {
      const h = await harnesses[engine](() => draw);
      const r = h.queue.runner({ tasks: { flaky: () => Promise.reject(new Error('provider down')) } });
      try {
        const { id } = await h.queue.enqueue(h.db, { task: 'flaky', maxAttempts: 2 });
        const before = h.now();
        expect(await r.poll()).toBe(1);
        await vi.waitFor(async () => expect(await h.queue.get(id)).toMatchObject({ state: 'waiting', attempts: 1 }), { timeout: 5_000, interval: 5 });
        const after = h.now();
        const { runAt } = (await h.queue.get(id))!;
        // The try failed between `before` and `after`: its wait lies between these two.
        measured.push({ shortest: runAt - after, longest: runAt - before });
      } finally {
        await r.stop(0);
        await h.close();
      }
    }
    const [lowest, highest] = measured;
    expect(lowest!.shortest).toBeGreaterThan(0);
    expect(highest!.shortest).toBeGreaterThan(lowest!.longest);
  });
});

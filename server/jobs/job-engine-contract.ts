import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../store/schema';
import type { JobContext, JobQueue, JobRunner, RunnerOptions } from './types';

/** One job engine set up for a test: its queue, the database it shares with its callers, its clock. */
export interface JobEngineHarness {
  queue: JobQueue;
  db: Kysely<Database>;
  now(): number;
  /**
   * The clock cron schedules are read from: `now` on SQLite; on PostgreSQL a test clock of
   * its own, as job due times there are the database's wall clock while a schedule's are
   * the queue's `now` option.
   */
  cronNow(): number;
  /** Moves the engine's clocks forward (due times, leases, backoffs and schedules are read from them). */
  advance(ms: number): Promise<void>;
  /** How long a job whose runner died keeps its lease. */
  leaseMs: number;
  /**
   * A second instance of the engine on the same database, as another server process
   * would have it (on PostgreSQL: its own connection pool), on the same clock.
   */
  otherInstance(): Promise<{ queue: JobQueue; db: Kysely<Database>; close(): Promise<void> }>;
  close(): Promise<void>;
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/**
 * The behaviour every job engine promises (server/jobs/types.ts), run against one engine.
 * Each engine's test file calls this with a factory; nothing here knows which engine it is.
 * Runners are driven by `poll()` where a test must know that a look happened (so "did not
 * run" is an awaited answer, not a sleep), and by `start()` where they run freely.
 */
export function describeJobEngine(engine: string, create: () => Promise<JobEngineHarness>) {
  describe(`job engine contract: ${engine}`, () => {
    let h: JobEngineHarness;
    const runners: JobRunner[] = [];
    const runner = (options: RunnerOptions) => {
      const r = h.queue.runner({ pollMs: 5, ...options });
      runners.push(r);
      return r;
    };
    const settled = (id: string, check: (job: Awaited<ReturnType<JobQueue['get']>>) => boolean) =>
      vi.waitFor(async () => expect(check(await h.queue.get(id))).toBe(true), { timeout: 5_000, interval: 5 });

    beforeEach(async () => {
      h = await create();
    });
    afterEach(async () => {
      for (const r of runners.splice(0)) await r.stop(0);
      await h.close();
    });

    it('runs an enqueued job once, with its payload, and forgets it when done', async () => {
      const seen: JobContext[] = [];
      const r = runner({ tasks: { greet: async (job) => void seen.push(job) } });
      const { id, added } = await h.queue.enqueue(h.db, { task: 'greet', payload: { name: 'Ada' } });
      expect(added).toBe(true);
      expect(await r.poll()).toBe(1);
      await settled(id, (job) => job === undefined);
      expect(seen.map((j) => [j.payload, j.attempt])).toEqual([[{ name: 'Ada' }, 1]]);
      expect(await r.poll()).toBe(0);
    });

    it('a started runner takes a job enqueued now at once, not at its next poll', async () => {
      let ran = 0;
      const r = runner({ pollMs: 60_000, tasks: { ping: async () => void ran++ } });
      r.start();
      await r.poll();
      const { id } = await h.db.transaction().execute((tx) => h.queue.enqueue(tx, { task: 'ping' }));
      // Within seconds, where the next poll would be a minute away.
      await settled(id, (job) => job === undefined);
      expect(ran).toBe(1);
    });

    it('dedupes by key while the job waits, and adds a new one once it has started', async () => {
      const ran: unknown[] = [];
      const gate = deferred();
      const r = runner({ tasks: { sync: async (job) => (ran.push(job.payload), await gate.promise) } });
      const first = await h.queue.enqueue(h.db, { task: 'sync', key: 'sync:con_1', payload: { v: 1 } });
      const again = await h.queue.enqueue(h.db, { task: 'sync', key: 'sync:con_1', payload: { v: 2 } });
      expect(again).toEqual({ id: first.id, added: false });
      expect(await r.poll()).toBe(1);
      await settled(first.id, (job) => job?.state === 'running');
      // Started: work enqueued now must run again, after it.
      const later = await h.queue.enqueue(h.db, { task: 'sync', key: 'sync:con_1', payload: { v: 3 } });
      expect(later.added).toBe(true);
      gate.resolve();
      await settled(first.id, (job) => job === undefined);
      // The runner looks again as soon as a job ends, so this poll may find it taken already.
      await r.poll();
      await settled(later.id, (job) => job === undefined);
      expect(await r.poll()).toBe(0);
      expect(ran).toEqual([{ v: 2 }, { v: 3 }]);
    });

    it('runs the jobs of one lane one at a time and in enqueue order, other lanes beside them', async () => {
      const active = new Map<string, number>();
      let mostInOneLane = 0;
      let mostOverall = 0;
      const order: string[] = [];
      const r = runner({
        concurrency: 4,
        tasks: {
          step: async ({ payload }) => {
            const lane = String(payload.lane);
            active.set(lane, (active.get(lane) ?? 0) + 1);
            mostInOneLane = Math.max(mostInOneLane, active.get(lane)!);
            mostOverall = Math.max(mostOverall, [...active.values()].reduce((a, b) => a + b, 0));
            order.push(`${lane}${payload.n}`);
            await new Promise((resolve) => setTimeout(resolve, 15));
            active.set(lane, active.get(lane)! - 1);
          },
        },
      });
      const ids: string[] = [];
      for (let n = 0; n < 4; n++) {
        for (const lane of ['a', 'b']) ids.push((await h.queue.enqueue(h.db, { task: 'step', lane, payload: { lane, n } })).id);
      }
      r.start();
      for (const id of ids) await settled(id, (job) => job === undefined);
      expect(mostInOneLane).toBe(1);
      expect(mostOverall).toBe(2);
      expect(order.filter((s) => s.startsWith('a'))).toEqual(['a0', 'a1', 'a2', 'a3']);
      expect(order.filter((s) => s.startsWith('b'))).toEqual(['b0', 'b1', 'b2', 'b3']);
    });

    it('a job enqueued in a transaction that rolls back never exists', async () => {
      const ran: unknown[] = [];
      const r = runner({ tasks: { mail: async (job) => void ran.push(job.payload) } });
      await expect(
        h.db.transaction().execute(async (tx) => {
          await h.queue.enqueue(tx, { task: 'mail', payload: { to: 'rolled back' } });
          throw new Error('the caller failed after enqueueing');
        }),
      ).rejects.toThrow('the caller failed');
      const kept = await h.db.transaction().execute((tx) => h.queue.enqueue(tx, { task: 'mail', payload: { to: 'committed' } }));
      expect(await r.poll()).toBe(1);
      await settled(kept.id, (job) => job === undefined);
      expect(await r.poll()).toBe(0);
      expect(ran).toEqual([{ to: 'committed' }]);
    });

    it('a job whose runner died runs again once its lease has run out, not before', async () => {
      const hung = deferred();
      const dying = runner({ tasks: { work: () => hung.promise } });
      const { id } = await h.queue.enqueue(h.db, { task: 'work' });
      expect(await dying.poll()).toBe(1);
      await settled(id, (job) => job?.state === 'running');
      // Stopping with no grace leaves the job as a killed process would: leased, unfinished.
      await dying.stop(0);
      const attempts: number[] = [];
      const rescuer = runner({ tasks: { work: async (job) => void attempts.push(job.attempt) } });
      expect(await rescuer.poll()).toBe(0);
      await h.advance(h.leaseMs - 1_000);
      expect(await rescuer.poll()).toBe(0);
      await h.advance(2_000);
      expect(await rescuer.poll()).toBe(1);
      await settled(id, (job) => job === undefined);
      expect(attempts).toEqual([2]);
      hung.resolve();
    });

    it('a long job renews its lease, so nobody else takes it', async () => {
      const gate = deferred();
      const runs: number[] = [];
      const long = runner({ tasks: { long: async (job) => (runs.push(job.attempt), await gate.promise) } });
      const other = runner({ tasks: { long: async (job) => void runs.push(job.attempt) } });
      const { id } = await h.queue.enqueue(h.db, { task: 'long' });
      expect(await long.poll()).toBe(1);
      for (let step = 0; step < 4; step++) {
        await h.advance(h.leaseMs / 2);
        const now = h.now();
        // Wait for the renewal made after the clock moved, then check the lease is still held.
        await settled(id, (job) => (job?.leaseUntil ?? 0) > now + h.leaseMs / 2);
        expect(await other.poll()).toBe(0);
      }
      gate.resolve();
      await settled(id, (job) => job === undefined);
      expect(runs).toEqual([1]);
    });

    it('retries a failing job after a growing, jittered wait, then lists it as dead until re-queued', async () => {
      let failing = true;
      const runs: number[] = [];
      const r = runner({
        tasks: {
          flaky: async (job) => {
            runs.push(job.attempt);
            if (failing) throw new Error(`provider down (try ${job.attempt})`);
          },
        },
      });
      const { id } = await h.queue.enqueue(h.db, { task: 'flaky', payload: { n: 1 }, maxAttempts: 3 });
      const waits: number[] = [];
      /**
       * Starts the try the clock was just moved to. On PostgreSQL a poll's pass keeps taking
       * due jobs until none is, so the pass that ran the last try may still be looking when
       * the clock moves, and take this one first (seen on a loaded machine): then this poll
       * finds it taken. Either way the try runs once: `runs` below holds each try.
       */
      const pollDue = async (attempt: number) => {
        const started = await r.poll();
        if (attempt === 1) expect(started).toBe(1);
      };
      for (let attempt = 1; attempt <= 2; attempt++) {
        const before = h.now();
        await pollDue(attempt);
        await settled(id, (job) => job?.state === 'waiting' && job.attempts === attempt);
        const job = (await h.queue.get(id))!;
        expect(job.lastError).toBe(`provider down (try ${attempt})`);
        waits.push(job.runAt - before);
        expect(await r.poll()).toBe(0);
        await h.advance(job.runAt - h.now());
      }
      // Exponential: the second wait's range starts where the first's ends.
      expect(waits[1]!).toBeGreaterThanOrEqual(waits[0]! );
      expect(waits[0]!).toBeGreaterThan(0);
      await pollDue(3);
      await settled(id, (job) => job?.state === 'dead');
      expect(await r.poll()).toBe(0);
      const dead = await h.queue.deadLetters();
      expect(dead).toMatchObject([{ id, task: 'flaky', payload: { n: 1 }, attempts: 3, lastError: 'provider down (try 3)' }]);
      failing = false;
      expect(await h.queue.requeue(id)).toBe(true);
      expect(await r.poll()).toBe(1);
      await settled(id, (job) => job === undefined);
      expect(runs).toEqual([1, 2, 3, 1]);
      expect(await h.queue.deadLetters()).toEqual([]);
      expect(await h.queue.requeue(id)).toBe(false);
    });

    it('forgets dead jobs that failed before a given time, and only those', async () => {
      const r = runner({ tasks: { doomed: async () => Promise.reject(new Error('no such repository')) } });
      const { id } = await h.queue.enqueue(h.db, { task: 'doomed', maxAttempts: 1 });
      expect(await r.poll()).toBe(1);
      await settled(id, (job) => job?.state === 'dead');
      expect(await h.queue.forgetDead(h.now() - 1_000)).toBe(0);
      expect((await h.queue.deadLetters()).map((d) => d.id)).toEqual([id]);
      await h.advance(2_000);
      expect(await h.queue.forgetDead(h.now() - 1_000)).toBe(1);
      expect(await h.queue.deadLetters()).toEqual([]);
    });

    /**
     * Waits until the tick job that just ran is finished and gone, not only until its handler
     * ran: a job whose "done" is not written yet is still leased, and moving the clock a
     * minute (past the lease) would make it look abandoned, to be run again.
     */
    const tickDone = async (ids: string[], minute: number) => {
      await vi.waitFor(() => expect(ids).toHaveLength(minute), { timeout: 5_000, interval: 5 });
      await settled(ids[minute - 1]!, (job) => job === undefined);
    };
    const toNextMinute = () => 60_000 - (h.cronNow() % 60_000) + 100;

    it('fires a cron schedule once per due time when two runners race for it', async () => {
      const fired: unknown[] = [];
      const ids: string[] = [];
      const schedules = [{ name: 'minutely', cron: '* * * * *', task: 'tick', payload: { from: 'cron' } }];
      const tasks = { tick: async (job: JobContext) => void (fired.push(job.payload), ids.push(job.id)) };
      const a = runner({ tasks, schedules });
      const b = runner({ tasks, schedules });
      await Promise.all([a.poll(), b.poll()]);
      await h.advance(toNextMinute());
      for (let minute = 1; minute <= 3; minute++) {
        const started = (await Promise.all([a.poll(), b.poll()])).reduce((x, y) => x + y, 0);
        // The job may have been claimed in the same poll that fired it, or be left for the next.
        const more = started === 0 ? (await Promise.all([a.poll(), b.poll()])).reduce((x, y) => x + y, 0) : 0;
        expect(started + more).toBe(1);
        await tickDone(ids, minute);
        expect((await Promise.all([a.poll(), b.poll()])).reduce((x, y) => x + y, 0)).toBe(0);
        await h.advance(toNextMinute());
      }
      expect(fired).toEqual([{ from: 'cron' }, { from: 'cron' }, { from: 'cron' }]);
    });

    it('two instances on one database: a key enqueued on both is one job, run once; each cron tick fires once', async () => {
      const other = await h.otherInstance();
      const fired: unknown[] = [];
      const ids: string[] = [];
      const synced: unknown[] = [];
      const tasks = {
        tick: async (job: JobContext) => void (fired.push(job.payload), ids.push(job.id)),
        sync: async (job: JobContext) => void synced.push(job.payload),
      };
      const schedules = [{ name: 'minutely', cron: '* * * * *', task: 'tick', payload: { from: 'cron' } }];
      const a = runner({ tasks, schedules });
      const b = other.queue.runner({ pollMs: 5, tasks, schedules });
      try {
        const first = await h.queue.enqueue(h.db, { task: 'sync', key: 'sync:con_1', payload: { from: 'a' } });
        const second = await other.db.transaction().execute((tx) => other.queue.enqueue(tx, { task: 'sync', key: 'sync:con_1', payload: { from: 'b' } }));
        expect(second).toEqual({ id: first.id, added: false });
        expect((await Promise.all([a.poll(), b.poll()])).reduce((x, y) => x + y, 0)).toBe(1);
        await settled(first.id, (job) => job === undefined);
        expect((await Promise.all([a.poll(), b.poll()])).reduce((x, y) => x + y, 0)).toBe(0);
        expect(synced).toEqual([{ from: 'b' }]);
        for (let minute = 1; minute <= 2; minute++) {
          await h.advance(toNextMinute());
          const started = (await Promise.all([a.poll(), b.poll()])).reduce((x, y) => x + y, 0);
          const more = started === 0 ? (await Promise.all([a.poll(), b.poll()])).reduce((x, y) => x + y, 0) : 0;
          expect(started + more).toBe(1);
          await tickDone(ids, minute);
          expect((await Promise.all([a.poll(), b.poll()])).reduce((x, y) => x + y, 0)).toBe(0);
        }
        expect(fired).toEqual([{ from: 'cron' }, { from: 'cron' }]);
      } finally {
        await b.stop(0);
        await other.close();
      }
    });

    it('stops gracefully: the running job sees the stop and finishes, nothing new starts', async () => {
      const started = deferred();
      let sawAbort = false;
      const r = runner({
        tasks: {
          careful: async ({ signal }) => {
            started.resolve();
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
            sawAbort = true;
          },
        },
      });
      const first = await h.queue.enqueue(h.db, { task: 'careful' });
      r.start();
      await started.promise;
      await r.stop(5_000);
      expect(sawAbort).toBe(true);
      expect(await h.queue.get(first.id)).toBeUndefined();
      const second = await h.queue.enqueue(h.db, { task: 'careful' });
      expect(await r.poll()).toBe(0);
      expect((await h.queue.get(second.id))?.state).toBe('waiting');
    });

    it('refuses a payload over the bound and attempts out of range, with a sentence', async () => {
      await expect(h.queue.enqueue(h.db, { task: 'big', payload: { blob: 'x'.repeat(20_000) } })).rejects.toThrow(/payload for big is \d+ bytes; at most 16384/);
      await expect(h.queue.enqueue(h.db, { task: 't', maxAttempts: 0 })).rejects.toThrow(/maxAttempts must be a whole number from 1 to 25/);
      await expect(h.queue.enqueue(h.db, { task: 't', maxAttempts: 26 })).rejects.toThrow(/from 1 to 25/);
    });
  });
}

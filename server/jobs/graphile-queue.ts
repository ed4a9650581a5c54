import type { Kysely } from 'kysely';
import type { Logger } from '../lib/log';
import type { Database } from '../store/schema';
import { graphileRows } from './graphile-rows';
import { graphileRunner, type PgPool } from './graphile-runner';
import { checkNewJob, MAX_DEAD_LISTED } from './limits';
import { cronSchedules } from './schedules';
import { DEFAULT_LEASE_MS } from './sqlite-queue';
import type { JobQueue, NewJob } from './types';

export interface GraphileQueueOptions {
  db: Kysely<Database>;
  /** The store's pool: graphile-worker runs its workers and its LISTEN connection on it. */
  pool: PgPool;
  log: Logger;
  /**
   * A running job whose lock was not renewed for this long is taken to be abandoned (its
   * instance died) and runs again. graphile-worker alone would wait 4 hours.
   */
  leaseMs?: number;
  /** How often a running job renews its lock; a third of the lease by default. */
  heartbeatMs?: number;
  random?: () => number;
  /** The clock cron schedules are read from (due times of jobs are the database's). */
  now?: () => number;
}

/**
 * The job engine on PostgreSQL: graphile-worker 0.18. Jobs, their locks, retries and
 * lanes (graphile's named queues) are graphile-worker's; this module maps the interface
 * onto it (ARCHITECTURE.md, "Jobs"), and adds what graphile-worker leaves to its user: a
 * heartbeat that keeps a running job's lock fresh so a dead instance's jobs are freed
 * after the lease instead of 4 hours, jitter on the retry wait, and the cron schedules
 * shared with the embedded engine (schedules.ts).
 */
export function createGraphileQueue(options: GraphileQueueOptions): JobQueue {
  const { db, pool, log } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const rows = graphileRows(db, leaseMs);
  const now = options.now ?? Date.now;

  async function enqueue(executor: Kysely<Database>, job: NewJob) {
    const { payload, maxAttempts } = checkNewJob(job);
    return rows.add(executor, { task: job.task, payload, lane: job.lane ?? null, runAt: job.runAt ?? null, maxAttempts, key: job.key ?? null });
  }

  return {
    enqueue,
    get: (id) => rows.get(id),
    deadLetters: (limit = 50) => rows.dead(Math.min(Math.max(1, limit), MAX_DEAD_LISTED)),
    forgetDead: (beforeMs) => rows.forgetDead(beforeMs),
    requeue: (id) => rows.requeue(id),
    runner: (runnerOptions) =>
      graphileRunner({
        ...runnerOptions,
        log: runnerOptions.log ?? log,
        pool,
        rows,
        cron: cronSchedules({ db, now, enqueue, schedules: runnerOptions.schedules ?? [] }),
        heartbeatMs: options.heartbeatMs ?? Math.floor(leaseMs / 3),
        random: options.random ?? Math.random,
      }),
  };
}

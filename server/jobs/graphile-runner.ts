import { EventEmitter } from 'node:events';
import {
  Logger as GraphileLogger,
  runTaskList,
  runTaskListOnce,
  type RunOnceOptions,
  type Task,
  type WorkerEvents,
  type WorkerPool,
  type WorkerPoolOptions,
} from 'graphile-worker';
import type { Logger } from '../lib/log';
import type { GraphileRows } from './graphile-rows';
import { MAX_BATCH } from './limits';
import type { Schedules } from './schedules';
import { DEFAULT_GRACE_MS, DEFAULT_POLL_MS } from './sqlite-runner';
import type { JobPayload, JobRunner, RunnerOptions, TaskHandler } from './types';

/** The pause before a worker pool that ended by itself is replaced. */
const POOL_RESTART_MS = 2_000;

/** The store's `pg` pool, named through graphile-worker's own types. */
export type PgPool = NonNullable<WorkerPoolOptions['pgPool']>;

interface Options extends Omit<RunnerOptions, 'schedules'> {
  log: Logger;
  pool: PgPool;
  rows: GraphileRows;
  cron: Schedules;
  heartbeatMs: number;
  random: () => number;
}

interface Running {
  controller: AbortController;
  heartbeat?: ReturnType<typeof setInterval>;
  /** Set when stop gave up waiting: the lock is no longer renewed. */
  abandoned: boolean;
}

/** graphile-worker's log lines, in ours; a failed try is logged by the runner itself, once. */
function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger(() => (level, message, meta) => {
    if (meta?.failure) return;
    if (level === 'error') log.error(`graphile-worker: ${message.split('\n')[0]}`);
    else if (level === 'warning') log.warn(`graphile-worker: ${message.split('\n')[0]}`);
  });
}

/**
 * Runs jobs with graphile-worker. `start()` runs a worker pool of `concurrency` workers
 * (graphile's `runTaskList`: LISTEN for new jobs, poll as a backstop); `poll()` runs one
 * pass of a one-job worker (graphile's `runTaskListOnce`), which starts at most one job
 * now and then keeps taking due jobs one after another until none is due, and resolves
 * with whether it started one. Both fire due cron schedules and free the jobs of
 * instances that stopped renewing their locks first.
 */
export function graphileRunner(options: Options): JobRunner {
  const { log, pool: pgPool, rows, cron, heartbeatMs, random } = options;
  const concurrency = Math.min(Math.max(1, options.concurrency ?? 4), MAX_BATCH);
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const stopping = new AbortController();
  const running = new Set<Running>();
  const passes = new Set<WorkerPool>();
  const events = new EventEmitter() as WorkerEvents;
  let workers: WorkerPool | undefined;
  let registered: Promise<void> | undefined;
  let polling: Promise<number> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;

  const shared: RunOnceOptions = {
    pgPool,
    logger: graphileLogger(log),
    events,
    noHandleSignals: true,
    // New jobs are announced by NOTIFY; the poll is a backstop (and takes retries when due).
    pollInterval: Math.max(20, pollMs),
    // Batched with no delay: a stopping pool writes every outcome before its shutdown resolves.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  } as RunOnceOptions;

  function wrap(name: string, handler: TaskHandler): Task {
    return async (payload, helpers) => {
      const job = helpers.job;
      const owner = job.locked_by!;
      const entry: Running = { controller: new AbortController(), abandoned: false };
      running.add(entry);
      entry.heartbeat = setInterval(() => {
        void rows.renew(job.id, owner).then(
          (held) => held || entry.controller.abort(new Error("The job's lease was taken over by another runner.")),
          (error) => log.warn("Could not renew a job's lease.", { jobId: job.id, task: name, error: String(error) }),
        );
      }, heartbeatMs);
      try {
        await handler({
          id: String(job.id), task: name, payload: payload as JobPayload, attempt: job.attempts,
          signal: AbortSignal.any([entry.controller.signal, stopping.signal]),
        });
      } catch (error) {
        clearInterval(entry.heartbeat);
        if (!entry.abandoned) {
          const last = job.attempts >= job.max_attempts;
          // Up to half again graphile-worker's own wait (exp(attempts) seconds).
          const jitterMs = random() * Math.exp(Math.min(job.attempts, 10)) * 500;
          await rows.beforeFailure(job.id, owner, last ? 0 : jitterMs).catch(() => {});
          log[last ? 'error' : 'warn'](last ? 'A job failed its last try.' : 'A job failed; it will be tried again.', {
            jobId: job.id, task: name, attempt: job.attempts, error: String(error),
          });
        }
        // graphile-worker records the failure: last_error, the next run_at, or dead.
        throw error instanceof Error ? error : new Error(String(error));
      } finally {
        clearInterval(entry.heartbeat);
        running.delete(entry);
      }
    };
  }

  const taskList = Object.fromEntries(Object.entries(options.tasks).map(([name, handler]) => [name, wrap(name, handler)]));

  /** One pass of a one-job worker; resolves with 1 if it started a job. */
  function pass(): Promise<number> {
    // runTaskListOnce runs its statements on the client it is given, and only calls its
    // `query`: given the pool, each statement takes a connection for itself, so a pass
    // holds none while its job runs (and never two statements on one connection at once).
    const once = runTaskListOnce(shared, taskList, pgPool as unknown as Parameters<typeof runTaskListOnce>[2]);
    passes.add(once);
    void once.promise
      .catch((error) => log.error('A job worker stopped with an error.', { error: String(error) }))
      .finally(() => passes.delete(once));
    return new Promise<number>((resolve) => {
      const listeners = {
        'job:start': 1,
        'worker:getJob:empty': 0,
        'worker:getJob:error': 0,
      } as const;
      const handlers = Object.entries(listeners).map(([event, started]) => {
        const fn = ({ worker }: { worker: { workerPool: WorkerPool } }) => worker.workerPool === once && done(started);
        events.on(event as 'job:start', fn as never);
        return [event, fn] as const;
      });
      const done = (started: number) => {
        for (const [event, fn] of handlers) events.off(event as 'job:start', fn as never);
        resolve(started);
      };
      void once.promise.finally(() => done(0));
    });
  }

  async function pollOnce(): Promise<number> {
    registered ??= cron.register();
    await registered;
    await cron.fireDue();
    await rows.releaseStale();
    if (stopping.signal.aborted || running.size >= concurrency) return 0;
    return pass();
  }

  /** One poll at a time per runner; a caller during one gets that one's result. */
  function poll(): Promise<number> {
    if (stopping.signal.aborted) return Promise.resolve(0);
    polling ??= pollOnce().finally(() => (polling = undefined));
    return polling;
  }

  /** While started: schedules and stale locks each poll interval; the worker pool finds jobs itself. */
  async function tick(): Promise<void> {
    registered ??= cron.register();
    await registered;
    await cron.fireDue();
    await rows.releaseStale();
  }

  function loop(): void {
    timer = setTimeout(() => {
      void tick()
        .catch((error) => log.error('Job runner could not poll.', { error: String(error) }))
        .finally(() => stopping.signal.aborted || loop());
    }, pollMs);
    timer.unref();
  }

  /**
   * The worker pool. graphile-worker ends a pool whose job outcome it could not write
   * (the database gone at that moment): then a new one starts after a pause, so jobs run
   * again once the database is back, without restarting the server.
   */
  function startPool(): void {
    const pool = runTaskList({ ...shared, concurrency }, taskList, pgPool);
    workers = pool;
    void pool.promise
      .catch((error) => log.error('The job worker pool stopped with an error.', { error: String(error) }))
      .finally(() => {
        if (stopping.signal.aborted || workers !== pool) return;
        log.warn(`The job worker pool stopped; a new one starts in ${POOL_RESTART_MS / 1000} s.`);
        restartTimer = setTimeout(() => stopping.signal.aborted || startPool(), POOL_RESTART_MS);
        restartTimer.unref();
      });
  }

  return {
    poll,
    start() {
      if (workers || stopping.signal.aborted) return;
      startPool();
      void tick().catch((error) => log.error('Job runner could not poll.', { error: String(error) }));
      loop();
    },
    async stop(graceMs = DEFAULT_GRACE_MS) {
      stopping.abort(new Error('The server is stopping.'));
      clearTimeout(timer);
      clearTimeout(restartTimer);
      await polling?.catch(() => {});
      const pools = [...(workers ? [workers] : []), ...passes];
      const shutDown = Promise.allSettled(pools.map((p) => (p._shuttingDown ? p.promise : p.gracefulShutdown('The server is stopping.'))));
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<'expired'>((resolve) => (graceTimer = setTimeout(() => resolve('expired'), graceMs)));
      const result = await Promise.race([shutDown, expired]);
      clearTimeout(graceTimer);
      if (result !== 'expired') return;
      // With no job left running, the pools are only letting go of their connections.
      if (running.size === 0) return void (await shutDown);
      for (const entry of running) (entry.abandoned = true), clearInterval(entry.heartbeat);
      log.warn('Stopped with jobs still running; they run again once their leases run out.', { jobs: running.size });
    },
  };
}

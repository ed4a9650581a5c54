import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { JobQueue, RunnerOptions, TaskHandler } from '../../server/jobs/types';
import type { Store } from '../../server/store/open';

// Probes for the flows bench, around a real server built in the bench's own process:
// every job handler the server's runner runs is timed, and so is every call to a provider
// made while it runs (through the fetch the server is given), so a step's time can be
// split into the provider's and the engine's own.

/** One job a runner ran: when it started and ended (performance.now ms) and its provider time. */
export interface JobTiming {
  task: string;
  payload: Record<string, unknown>;
  startMs: number;
  endMs: number;
  /** Time spent inside provider calls (fetch) made by this job: the emulator's work and the HTTP client's. */
  providerMs: number;
  providerCalls: number;
  failed: boolean;
}

export interface Probes {
  /** Jobs finished so far, in the order they ended. */
  jobs: JobTiming[];
  /** Resolves when `predicate` is true of a finished job (checked on each new one, and on the ones already there). */
  waitForJob(predicate: (job: JobTiming) => boolean, timeoutMs?: number): Promise<JobTiming>;
  /** Called when a job starts, e.g. to stamp the first step of a run. */
  onJobStart: ((task: string, payload: Record<string, unknown>, atMs: number) => void) | null;
  /** The store to give the server: its job queue's runners time each task. */
  wrapStore(store: Store): Store;
  /** The fetch to give the server: times each call and charges it to the running job. */
  wrapFetch(inner: typeof fetch): typeof fetch;
}

/** `now`: the clock jobs and provider calls are timed by (tests give their own). */
export function createProbes({ now = () => performance.now() }: { now?: () => number } = {}): Probes {
  const running = new AsyncLocalStorage<{ providerMs: number; providerCalls: number }>();
  const waiters = new Set<{ predicate: (job: JobTiming) => boolean; resolve: (job: JobTiming) => void }>();
  const probes: Probes = {
    jobs: [],
    onJobStart: null,
    waitForJob(predicate, timeoutMs = 30_000) {
      const found = probes.jobs.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (job: JobTiming) => (clearTimeout(timer), resolve(job)) };
        const timer = setTimeout(() => (waiters.delete(waiter), reject(new Error(`No such job within ${timeoutMs} ms (${probes.jobs.length} jobs ran; the last: ${JSON.stringify(probes.jobs.slice(-3).map((j) => ({ task: j.task, payload: j.payload, failed: j.failed })))})`))), timeoutMs);
        waiters.add(waiter);
      });
    },
    wrapStore(store) {
      return { ...store, jobQueue: (options) => timedQueue(store.jobQueue(options)) };
    },
    wrapFetch(inner) {
      return (async (input: RequestInfo | URL, init?: RequestInit) => {
        const started = now();
        try {
          return await inner(input, init);
        } finally {
          const job = running.getStore();
          if (job) {
            job.providerMs += now() - started;
            job.providerCalls++;
          }
        }
      }) as typeof fetch;
    },
  };

  const timed = (task: string, handler: TaskHandler): TaskHandler => async (job) => {
    const meter = { providerMs: 0, providerCalls: 0 };
    const startMs = now();
    probes.onJobStart?.(task, job.payload, startMs);
    let failed = false;
    try {
      await running.run(meter, () => handler(job));
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const timing: JobTiming = { task, payload: job.payload, startMs, endMs: now(), ...meter, failed };
      probes.jobs.push(timing);
      for (const w of waiters) if (w.predicate(timing)) (waiters.delete(w), w.resolve(timing));
    }
  };

  function timedQueue(queue: JobQueue): JobQueue {
    return {
      enqueue: (db, job) => queue.enqueue(db, job),
      get: (id) => queue.get(id),
      deadLetters: (limit) => queue.deadLetters(limit),
      forgetDead: (before) => queue.forgetDead(before),
      requeue: (id) => queue.requeue(id),
      runner: (options: RunnerOptions) =>
        queue.runner({ ...options, tasks: Object.fromEntries(Object.entries(options.tasks).map(([name, handler]) => [name, timed(name, handler)])) }),
    };
  }
  return probes;
}


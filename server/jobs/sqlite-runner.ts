import type { Kysely } from 'kysely';
import type { Logger } from '../lib/log';
import type { Database } from '../store/schema';
import type { ClaimedJob, SqliteLeases } from './sqlite-leases';
import type { Schedules } from './schedules';
import { checkNewJob, MAX_BATCH } from './limits';
import type { JobPayload, JobRunner, RunnerOptions } from './types';

interface Options extends Omit<RunnerOptions, 'schedules'> {
  log: Logger;
  leases: SqliteLeases;
  cron: Schedules;
  heartbeatMs: number;
  /** Where a started runner registers to be woken when a job is enqueued in this process. */
  wakeUps: Set<() => void>;
}

interface Running {
  done: Promise<void>;
  controller: AbortController;
  /** Set when stop gave up waiting: the lease is no longer renewed, the try's outcome not written. */
  abandoned: boolean;
  heartbeat?: ReturnType<typeof setInterval>;
}

export const DEFAULT_POLL_MS = 1_000;
/** Pieces a job runs one after another (JobContext.continueIn) before it goes back in line behind the others. */
export const MAX_CONTINUATIONS = 50;
export const DEFAULT_GRACE_MS = 10_000;

/** Runs jobs of the embedded engine: polls for due schedules and jobs, renews leases, records outcomes. */
export function sqliteRunner(options: Options): JobRunner {
  const { tasks, log, leases, cron, heartbeatMs } = options;
  const concurrency = Math.min(Math.max(1, options.concurrency ?? 4), MAX_BATCH);
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const running = new Map<number, Running>();
  let registered: Promise<void> | undefined;
  let polling: Promise<number> | undefined;
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function runOne(job: ClaimedJob, entry: Running): Promise<void> {
    entry.heartbeat = setInterval(() => {
      void leases.extend(job).then(
        (held) => held || entry.controller.abort(new Error('The job\'s lease was taken over by another runner.')),
        (error) => log.warn('Could not renew a job\'s lease.', { jobId: job.id, task: job.task, error: String(error) }),
      );
    }, heartbeatMs);
    let outcome: { ok: true } | { ok: false; error: unknown } = { ok: true };
    let current = job;
    try {
      for (let continued = 0; ; continued++) {
        const turn = await runTurn(current, entry);
        outcome = turn.outcome;
        if (!turn.outcome.ok || !turn.next) break;
        current = turn.next;
        // The lane's other jobs, and a stopping server, get their turn between pieces.
        if (stopping || entry.controller.signal.aborted || continued + 1 >= MAX_CONTINUATIONS) {
          if (!entry.abandoned) await leases.release(current);
          return;
        }
      }
    } finally {
      clearInterval(entry.heartbeat);
    }
    if (entry.abandoned) return;
    if (outcome.ok) return;
    const next = await leases.fail(current, outcome.error);
    log[next === 'dead' ? 'error' : 'warn'](next === 'dead' ? 'A job failed its last try.' : 'A job failed; it will be tried again.', {
      jobId: current.id, task: current.task, attempt: current.attempts, error: String(outcome.error),
    });
  }

  /**
   * One try of the job's current piece of work: its handler, then its end unless the
   * handler ended it (completeIn) or made it its own next piece (continueIn: `next`).
   */
  async function runTurn(job: ClaimedJob, entry: Running): Promise<{ outcome: { ok: true } | { ok: false; error: unknown }; next?: ClaimedJob }> {
    let ended = false;
    let next: ClaimedJob | undefined;
    const completeIn = async (tx: Kysely<Database>) => {
      if (ended || next) return;
      if (!(await leases.complete(job, tx))) throw new Error('The job\'s lease was taken over by another runner.');
      ended = true;
    };
    const continueIn = async (tx: Kysely<Database>, piece: { payload: JobPayload; key?: string }) => {
      const checked = checkNewJob({ task: job.task, payload: piece.payload, key: piece.key });
      if (!(await leases.continueAs(tx, job, checked.payload, piece.key ?? null))) {
        await completeIn(tx);
        return false;
      }
      next = { ...job, payload: checked.payload, attempts: 1 };
      return true;
    };
    try {
      const handler = tasks[job.task];
      if (!handler) throw new Error(`No task named ${job.task} is known to this server.`);
      await handler({ id: String(job.id), task: job.task, payload: JSON.parse(job.payload), attempt: job.attempts, signal: entry.controller.signal, completeIn, continueIn });
    } catch (error) {
      return { outcome: { ok: false, error } };
    }
    if (next) return { outcome: { ok: true }, next };
    if (!ended && !entry.abandoned) await leases.complete(job);
    return { outcome: { ok: true } };
  }

  function launch(job: ClaimedJob): void {
    const entry: Running = { controller: new AbortController(), abandoned: false, done: Promise.resolve() };
    entry.done = runOne(job, entry)
      .catch((error) => log.error('Could not record a job\'s outcome.', { jobId: job.id, task: job.task, error: String(error) }))
      .finally(() => {
        running.delete(job.id);
        // A finished job may free its lane's next one: look again now rather than a poll later.
        if (!stopping) setImmediate(() => void poll(false).catch(() => {}));
      });
    running.set(job.id, entry);
  }

  /**
   * `full`: also fires due schedules and buries abandoned jobs (the timer's poll and
   * callers of poll()). A wake-up (a job enqueued or finished in this process) only claims:
   * it comes once per job, and the rest can wait for the timer.
   */
  async function pollOnce(full: boolean): Promise<number> {
    registered ??= cron.register();
    await registered;
    if (full) {
      await cron.fireDue();
      await leases.buryAbandoned();
    }
    const free = concurrency - running.size;
    if (stopping || free <= 0) return 0;
    const claimed = await leases.claim(free);
    // Stopped while claiming: the claim's leases run out and another start runs them.
    if (stopping) return 0;
    for (const job of claimed) launch(job);
    return claimed.length;
  }

  /**
   * One poll at a time per runner. A call during one is not lost: the poll under way looks
   * once more when it is done (a job committed after its claim read the table would
   * otherwise wait for the timer), and the caller gets the result of both.
   */
  let again: { full: boolean } | undefined;
  function poll(full = true): Promise<number> {
    if (stopping) return Promise.resolve(0);
    if (polling) {
      again = { full: full || (again?.full ?? false) };
      return polling;
    }
    polling = (async () => {
      let started = await pollOnce(full);
      while (again && !stopping) {
        const next = again;
        again = undefined;
        started += await pollOnce(next.full);
      }
      return started;
    })().finally(() => (polling = undefined));
    return polling;
  }

  function loop(): void {
    timer = setTimeout(() => {
      void poll()
        .catch((error) => log.error('Job runner could not poll.', { error: String(error) }))
        .finally(() => stopping || loop());
    }, pollMs);
    timer.unref();
  }

  const wake = () => void poll(false).catch((error) => log.error('Job runner could not poll.', { error: String(error) }));

  return {
    poll,
    start() {
      if (timer || stopping) return;
      options.wakeUps.add(wake);
      void poll().catch((error) => log.error('Job runner could not poll.', { error: String(error) }));
      loop();
    },
    async stop(graceMs = DEFAULT_GRACE_MS) {
      stopping = true;
      options.wakeUps.delete(wake);
      clearTimeout(timer);
      await polling?.catch(() => {});
      for (const entry of running.values()) entry.controller.abort(new Error('The server is stopping.'));
      const all = Promise.all([...running.values()].map((r) => r.done));
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<'expired'>((resolve) => (graceTimer = setTimeout(() => resolve('expired'), graceMs)));
      const result = await Promise.race([all, expired]);
      clearTimeout(graceTimer);
      if (result === 'expired') {
        for (const entry of running.values()) (entry.abandoned = true), clearInterval(entry.heartbeat);
        log.warn('Stopped with jobs still running; they run again once their leases run out.', { jobs: running.size });
      }
    },
  };
}

import type { Kysely } from 'kysely';
import type { Logger } from '../lib/log';
import type { Database } from '../store/schema';

/** JSON a job carries: small (see limits.ts), and nothing secret (it sits in the database in clear). */
export type JobPayload = Record<string, unknown>;

/** A job to run once, later. */
export interface NewJob {
  /** The task that runs it: a name the runner knows (its `tasks`). */
  task: string;
  payload?: JobPayload;
  /**
   * Dedupe: while a job with this key waits to run, enqueueing the key again adds no job
   * (the waiting one takes the newer payload, keeps its run time). Once it has started, a
   * new one is added: work that arrived after the start must run again.
   */
  key?: string;
  /** Serial lane: jobs sharing it never run at once, and start in enqueue order. */
  lane?: string;
  /** Not before this time (ms since the epoch); now when absent. */
  runAt?: number;
  /** Tries in all, the first included; default DEFAULT_ATTEMPTS, at most MAX_ATTEMPTS. */
  maxAttempts?: number;
}

export interface Enqueued {
  id: string;
  /** False when the key was already waiting and no second job was added. */
  added: boolean;
}

/** What a task's handler gets. */
export interface JobContext {
  id: string;
  task: string;
  payload: JobPayload;
  /** 1 on the first try. */
  attempt: number;
  /** Aborted when the runner stops or the job's lease was lost: finish or give up soon. */
  signal: AbortSignal;
  /**
   * Ends this job inside the caller's transaction, so the job's end commits with the work
   * it did: one synced commit fewer per job. Call it last in the transaction that finishes
   * the job, and let the handler throw if that transaction fails. Only the embedded engine
   * has it (graphile-worker ends its jobs itself): absent, the runner ends the job after
   * the handler resolves, as it does when it is not called.
   */
  completeIn?(tx: Kysely<Database>): Promise<void>;
  /**
   * Turns this job, inside the caller's transaction, into its own next piece of work
   * (`payload`, `key` as for a new job in its lane) instead of ending it and enqueueing
   * that: the runner runs it next, at once, under the lease it holds, with no enqueue and
   * no claim. A server that dies first finds the job pointing at the next piece. Resolves
   * false when a job with that key is already waiting: then this one ends (that one is the
   * next piece). A completeIn in the same transaction does nothing after it. Only the
   * embedded engine has it; absent, enqueue the next piece.
   */
  continueIn?(tx: Kysely<Database>, next: { payload: JobPayload; key?: string }): Promise<boolean>;
}

export type TaskHandler = (job: JobContext) => Promise<void>;

/** Where a job stands; done jobs are gone. */
export interface JobInfo {
  id: string;
  task: string;
  payload: JobPayload;
  key: string | null;
  lane: string | null;
  state: 'waiting' | 'running' | 'dead';
  /** Tries started so far. */
  attempts: number;
  maxAttempts: number;
  /** When it may run (next); ms since the epoch. */
  runAt: number;
  /** While running: when its lease runs out unless renewed. */
  leaseUntil: number | null;
  lastError: string | null;
}

/** A job that failed every try it had; kept until re-queued or deleted. */
export interface DeadJob {
  id: string;
  task: string;
  payload: JobPayload;
  key: string | null;
  lane: string | null;
  attempts: number;
  lastError: string;
  failedAt: string;
}

/** A cron schedule: fires `task` once per due time across every runner of the database. */
export interface Schedule {
  /** Stable id: the row that records its next fire time. */
  name: string;
  /**
   * Five fields (minute hour day-of-month month day-of-week), read in UTC: what both
   * engines' cron understands (graphile-worker's crontab is UTC with minute precision).
   */
  cron: string;
  task: string;
  payload?: JobPayload;
  /** Tries each fire's job gets (see NewJob.maxAttempts). */
  maxAttempts?: number;
}

export interface RunnerOptions {
  tasks: Record<string, TaskHandler>;
  schedules?: Schedule[];
  /** Jobs run at once by this runner (a batch claims at most this many). */
  concurrency?: number;
  /** How often to look for due jobs and schedules while idle. */
  pollMs?: number;
  /** Where failed tries are reported; the queue's logger when absent. */
  log?: Logger;
}

export interface JobRunner {
  /** Looks for due schedules and jobs now and starts what it may; resolves with how many jobs it started. */
  poll(): Promise<number>;
  start(): void;
  /**
   * Stops taking jobs, aborts the running ones' signals and waits for them up to `graceMs`.
   * A job still running after that keeps its row: its lease runs out and another runner
   * (or this server's next start) runs it again.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The job engine. `enqueue` writes through the executor it is given, so a job enqueued
 * inside the caller's transaction commits or rolls back with it.
 */
export interface JobQueue {
  enqueue(db: Kysely<Database>, job: NewJob): Promise<Enqueued>;
  /** The job as stored now, or undefined once it is done. */
  get(id: string): Promise<JobInfo | undefined>;
  /** Dead jobs, newest first (at most MAX_DEAD_LISTED). */
  deadLetters(limit?: number): Promise<DeadJob[]>;
  /** Deletes dead jobs that failed before `beforeMs`; resolves with how many. */
  forgetDead(beforeMs: number): Promise<number>;
  /** Puts a dead job back in line with a fresh set of attempts; false when there is no such dead job. */
  requeue(id: string): Promise<boolean>;
  runner(options: RunnerOptions): JobRunner;
}

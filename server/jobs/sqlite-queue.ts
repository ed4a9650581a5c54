import type { Kysely } from 'kysely';
import type { Logger } from '../lib/log';
import type { Database } from '../store/schema';
import { checkNewJob, MAX_DEAD_LISTED } from './limits';
import { sqliteLeases, type RunUnsynced } from './sqlite-leases';
import { sqliteRunner } from './sqlite-runner';
import { cronSchedules } from './schedules';
import type { DeadJob, Enqueued, JobInfo, JobQueue, NewJob } from './types';

export interface SqliteQueueOptions {
  db: Kysely<Database>;
  log: Logger;
  /** The clock every due time, lease and backoff is read from (tests move it by hand). */
  now?: () => number;
  /** A running job not renewed for this long is taken to be abandoned and runs again. */
  leaseMs?: number;
  /** How often a running job renews its lease; a third of the lease by default. */
  heartbeatMs?: number;
  random?: () => number;
  /**
   * Runs a write committed without a disk sync (the store's, for the server's database):
   * a claim lost to a power cut only puts the job back in line. Absent, claims are synced.
   */
  unsynced?: RunUnsynced;
}

export const DEFAULT_LEASE_MS = 30_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The embedded job engine: the `jobs` table of the server's own database (migration 009)
 * and runners that poll it. One server per data folder, so its runners share the process,
 * but every state change is a guarded statement and would stay correct across processes.
 */
export function createSqliteQueue(options: SqliteQueueOptions): JobQueue {
  const { db, log } = options;
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const leases = sqliteLeases({ db, now, leaseMs, random: options.random, unsynced: options.unsynced });
  /** Started runners of this process, told to look as soon as a job was enqueued. */
  const wakeUps = new Set<() => void>();
  // After the current turn: a job enqueued in a transaction is committed by then (a
  // transaction on node:sqlite runs to COMMIT within one turn). If not, the next poll finds it.
  const nudge = () => {
    if (wakeUps.size > 0) setImmediate(() => wakeUps.forEach((wake) => wake()));
  };

  async function enqueue(tx: Kysely<Database>, job: NewJob): Promise<Enqueued> {
    const { payload, maxAttempts } = checkNewJob(job);
    const row = {
      task: job.task, payload, key: job.key ?? null, lane: job.lane ?? null, state: 'waiting' as const,
      run_at: iso(job.runAt ?? now()), attempts: 0, max_attempts: maxAttempts, created_at: iso(now()),
    };
    if (job.key === undefined) {
      const { id } = await tx.insertInto('jobs').values(row).returning('id').executeTakeFirstOrThrow();
      nudge();
      return { id: String(id), added: true };
    }
    // Outside a transaction a runner may claim the waiting job between these statements;
    // then the key is free again on the next round.
    for (let round = 0; round < 3; round++) {
      // A started job gives its key up: what was enqueued after it started must run again.
      await tx.updateTable('jobs').set({ key: null }).where('key', '=', job.key).where('state', '=', 'running').execute();
      const inserted = await tx.insertInto('jobs').values(row).onConflict((oc) => oc.column('key').doNothing()).returning('id').executeTakeFirst();
      if (inserted) {
        nudge();
        return { id: String(inserted.id), added: true };
      }
      // The key is waiting already: it keeps its place and run time, and takes the newer payload.
      const waiting = await tx
        .updateTable('jobs')
        .set({ payload })
        .where('key', '=', job.key)
        .where('state', '=', 'waiting')
        .returning('id')
        .executeTakeFirst();
      if (waiting) return { id: String(waiting.id), added: false };
    }
    throw new Error(`Could not enqueue ${job.task}: its key ${job.key} kept changing hands.`);
  }

  async function get(id: string): Promise<JobInfo | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    const r = await db.selectFrom('jobs').selectAll().where('id', '=', Number(id)).executeTakeFirst();
    if (!r) return undefined;
    return {
      id, task: r.task, payload: JSON.parse(r.payload), key: r.key, lane: r.lane, state: r.state,
      attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts), runAt: Date.parse(r.run_at),
      leaseUntil: r.state === 'running' && r.lease_until ? Date.parse(r.lease_until) : null, lastError: r.last_error,
    };
  }

  async function deadLetters(limit = 50): Promise<DeadJob[]> {
    const rows = await db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'dead')
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(1, limit), MAX_DEAD_LISTED))
      .execute();
    return rows.map((r) => ({
      id: String(r.id), task: r.task, payload: JSON.parse(r.payload), key: r.key, lane: r.lane,
      attempts: Number(r.attempts), lastError: r.last_error ?? '', failedAt: r.failed_at ?? '',
    }));
  }

  async function requeue(id: string): Promise<boolean> {
    if (!/^\d+$/.test(id)) return false;
    const r = await db
      .updateTable('jobs')
      .set({ state: 'waiting', attempts: 0, run_at: iso(now()), failed_at: null })
      .where('id', '=', Number(id))
      .where('state', '=', 'dead')
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async function forgetDead(beforeMs: number): Promise<number> {
    const r = await db.deleteFrom('jobs').where('state', '=', 'dead').where('failed_at', '<', iso(beforeMs)).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  return {
    enqueue,
    forgetDead,
    get,
    deadLetters,
    requeue,
    runner: (runnerOptions) =>
      sqliteRunner({
        ...runnerOptions,
        log: runnerOptions.log ?? log,
        leases,
        cron: cronSchedules({ db, now, enqueue, schedules: runnerOptions.schedules ?? [] }),
        heartbeatMs: options.heartbeatMs ?? Math.floor(leaseMs / 3),
        wakeUps,
      }),
  };
}

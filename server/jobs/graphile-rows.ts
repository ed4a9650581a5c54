import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { DeadJob, JobInfo, JobPayload } from './types';

/**
 * What this engine reads and writes in graphile-worker's schema (`graphile_worker`,
 * installed and migrated by graphile-worker itself when the store opens). Public
 * functions where graphile-worker has one (`add_job`, `reschedule_jobs`, `complete_jobs`,
 * `force_unlock_workers`); its `_private_jobs` table where it has none: reading a job
 * with its payload, renewing a lock (the heartbeat), and adding jitter before a failure.
 * The version is pinned to 0.18.x in package.json, and the contract tests exercise every
 * statement here.
 */

interface Row {
  id: number;
  task: string;
  payload: JobPayload;
  queue_name: string | null;
  key: string | null;
  run_at: Date;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_at: Date | null;
  updated_at: Date;
}

/** A dead job is graphile-worker's "permanently failed" one: unlocked, with no tries left. */
const DEAD = sql`j.locked_at is null and j.attempts >= j.max_attempts`;
const ABANDONED_LAST_TRY = 'Its runner stopped during the last try (the lease ran out).';

const selectJobs = sql`
  select j.id, t.identifier as task, j.payload, q.queue_name, j.key, j.run_at, j.attempts, j.max_attempts,
         j.last_error, j.locked_at, j.updated_at
    from graphile_worker._private_jobs as j
    join graphile_worker._private_tasks as t on t.id = j.task_id
    left join graphile_worker._private_job_queues as q on q.id = j.job_queue_id`;

const ms = (n: number) => sql`(${n}::double precision * interval '1 millisecond')`;

export function graphileRows(db: Kysely<Database>, leaseMs: number) {
  return {
    /**
     * `add_job` through the caller's executor (a transaction rolls it back with the
     * caller's writes; its NOTIFY reaches the runners on COMMIT). `preserve_run_at`: a
     * waiting job with the key takes the new payload and keeps its run time; a started one
     * gives its key up and a new job is added. A new job's revision is 0.
     */
    async add(
      executor: Kysely<Database>,
      job: { task: string; payload: string; lane: string | null; runAt: number | null; maxAttempts: number; key: string | null },
    ): Promise<{ id: string; added: boolean }> {
      const { rows } = await sql<{ id: number; revision: number }>`
        select id, revision from graphile_worker.add_job(
          identifier => ${job.task}, payload => ${job.payload}::json, queue_name => ${job.lane},
          run_at => ${job.runAt === null ? null : new Date(job.runAt).toISOString()}::timestamptz,
          max_attempts => ${job.maxAttempts}, job_key => ${job.key}, job_key_mode => 'preserve_run_at')`.execute(executor);
      const row = rows[0]!;
      return { id: String(row.id), added: row.revision === 0 };
    },

    async get(id: string): Promise<JobInfo | undefined> {
      if (!/^\d{1,15}$/.test(id)) return undefined;
      const { rows } = await sql<Row>`${selectJobs} where j.id = ${Number(id)}`.execute(db);
      const r = rows[0];
      if (!r) return undefined;
      const dead = r.locked_at === null && r.attempts >= r.max_attempts;
      return {
        id, task: r.task, payload: r.payload, key: r.key, lane: r.queue_name,
        state: r.locked_at ? 'running' : dead ? 'dead' : 'waiting',
        attempts: r.attempts, maxAttempts: r.max_attempts, runAt: r.run_at.getTime(),
        leaseUntil: r.locked_at ? r.locked_at.getTime() + leaseMs : null, lastError: r.last_error,
      };
    },

    async dead(limit: number): Promise<DeadJob[]> {
      const { rows } = await sql<Row>`${selectJobs} where ${DEAD} order by j.id desc limit ${limit}`.execute(db);
      return rows.map((r) => ({
        id: String(r.id), task: r.task, payload: r.payload, key: r.key, lane: r.queue_name,
        attempts: r.attempts, lastError: r.last_error ?? '', failedAt: r.updated_at.toISOString(),
      }));
    },

    /** A dead job back in line with fresh tries (`reschedule_jobs` leaves locked jobs alone). */
    async requeue(id: string): Promise<boolean> {
      if (!/^\d{1,15}$/.test(id)) return false;
      const { rows } = await sql<{ id: number }>`
        select id from graphile_worker.reschedule_jobs(
          array(select j.id from graphile_worker._private_jobs as j where j.id = ${Number(id)} and ${DEAD}),
          run_at => now(), attempts => 0)`.execute(db);
      return rows.length > 0;
    },

    /** Deletes dead jobs that failed before `beforeMs` (`complete_jobs` leaves locked jobs alone). */
    async forgetDead(beforeMs: number): Promise<number> {
      const { rows } = await sql<{ id: number }>`
        select id from graphile_worker.complete_jobs(
          array(select j.id from graphile_worker._private_jobs as j where ${DEAD} and j.updated_at < ${new Date(beforeMs).toISOString()}::timestamptz))`.execute(db);
      return rows.length;
    },

    /**
     * The heartbeat: renews the lock of a running job (and of its queue, which a lane's
     * job holds while it runs) while `owner`, the worker pool that took it, still holds
     * it. False when the lock was released as stale and perhaps taken by another runner.
     */
    async renew(id: string, owner: string): Promise<boolean> {
      const { rows } = await sql<{ held: number }>`
        with j as (
          update graphile_worker._private_jobs set locked_at = now()
           where id = ${Number(id)} and locked_by = ${owner} returning job_queue_id
        ), q as (
          update graphile_worker._private_job_queues as q set locked_at = now()
            from j where q.id = j.job_queue_id and q.locked_by = ${owner}
        )
        select count(*)::int as held from j`.execute(db);
      return rows[0]!.held > 0;
    },

    /**
     * Before a failed try is handed back to graphile-worker, whose retry time is
     * `greatest(now(), run_at) + exp(least(attempts, 10))` seconds: moving `run_at`
     * ahead by `jitterMs` adds that much to the wait, so jobs that failed together (a
     * provider down) come back spread out. `updated_at` records when it failed (the time
     * a dead job is listed and forgotten by).
     */
    async beforeFailure(id: string, owner: string, jitterMs: number): Promise<void> {
      await sql`
        update graphile_worker._private_jobs set run_at = now() + ${ms(jitterMs)}, updated_at = now()
         where id = ${Number(id)} and locked_by = ${owner}`.execute(db);
    },

    /**
     * Releases the locks of every worker pool that holds a lock older than the lease: a
     * pool renews each of its jobs' locks every few seconds, so one that stopped renewing
     * has died (`force_unlock_workers`, graphile-worker's way to free a crashed worker's
     * jobs). A job that was on its last try is dead from then on.
     */
    async releaseStale(): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ owner: string }>`
          select distinct locked_by as owner from graphile_worker._private_jobs
           where locked_at < now() - ${ms(leaseMs)}`.execute(tx);
        if (rows.length === 0) return;
        const owners = rows.map((r) => r.owner);
        await sql`
          update graphile_worker._private_jobs set last_error = ${ABANDONED_LAST_TRY}, updated_at = now()
           where locked_by = any(${owners}::text[]) and attempts >= max_attempts`.execute(tx);
        await sql`select graphile_worker.force_unlock_workers(${owners}::text[])`.execute(tx);
      });
    },
  };
}

export type GraphileRows = ReturnType<typeof graphileRows>;

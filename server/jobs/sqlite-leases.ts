import { randomBytes } from 'node:crypto';
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database, JobsTable } from '../store/schema';
import { backoffMs } from './backoff';

/** Runs one compiled write committed without a disk sync (the store gives it: sqlite/unsynced-statement.ts). */
export type RunUnsynced = <R>(query: CompiledQuery<R>) => Promise<R[]>;

export type ClaimedJob = Pick<JobsTable, 'task' | 'payload' | 'attempts' | 'max_attempts'> & { id: number; leaseOwner: string };

export interface LeaseOptions {
  db: Kysely<Database>;
  now: () => number;
  leaseMs: number;
  random?: () => number;
  /** Claims are written through it when given (sqlite-queue.ts: committed without a sync). */
  unsynced?: RunUnsynced;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** A stored error says what went wrong, not a whole stack. */
const MAX_ERROR_LENGTH = 1_000;

/**
 * The lease half of the embedded engine: every change of a job's state is one UPDATE or
 * DELETE guarded by its condition, so two runners (or a runner and a stale copy of
 * itself) can never both take, or both finish, the same try.
 */
export function sqliteLeases({ db, now, leaseMs, random = Math.random, unsynced }: LeaseOptions) {
  return {
    /**
     * Takes up to `limit` due jobs, the earliest due first, then in id order. A job is due when it waits and its time
     * has come, or when the runner that held it stopped renewing its lease. In a lane only
     * the oldest live job may run, so a lane's jobs never overlap and start in order.
     */
    async claim(limit: number): Promise<ClaimedJob[]> {
      const at = iso(now());
      const leaseOwner = randomBytes(12).toString('base64url');
      const due = db
        .selectFrom('jobs as j')
        .select('j.id')
        .where((eb) =>
          eb.and([
            eb('j.attempts', '<', eb.ref('j.max_attempts')),
            eb.or([
              eb.and([eb('j.state', '=', 'waiting'), eb('j.run_at', '<=', at)]),
              eb.and([eb('j.state', '=', 'running'), eb('j.lease_until', '<=', at)]),
            ]),
            eb.or([
              eb('j.lane', 'is', null),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('jobs as o')
                    .select('o.id')
                    .whereRef('o.lane', '=', 'j.lane')
                    .whereRef('o.id', '<', 'j.id')
                    .where('o.state', '<>', 'dead'),
                ),
              ),
            ]),
          ]),
        )
        // Due first (a job put back in line after its turn goes behind those already waiting), then in enqueue order.
        .orderBy('j.run_at')
        .orderBy('j.id')
        .limit(limit);
      // Most polls find nothing (the timer's, a wake-up after the job was taken): a read
      // says so without opening a write transaction. The update repeats the condition, so
      // a job taken between the two is not taken twice.
      if ((await due.execute()).length === 0) return [];
      const update = db
        .updateTable('jobs')
        .set({ state: 'running', attempts: sql`attempts + 1`, lease_owner: leaseOwner, lease_until: iso(now() + leaseMs) })
        .where('id', 'in', due)
        .returning(['id', 'task', 'payload', 'attempts', 'max_attempts']);
      const rows = unsynced ? await unsynced(update.compile()) : await update.execute();
      return rows.map((r) => ({ ...r, id: Number(r.id), leaseOwner }));
    },

    /** Renews a running job's lease; false when it is no longer this claim's to renew. */
    async extend(job: ClaimedJob): Promise<boolean> {
      const r = await db
        .updateTable('jobs')
        .set({ lease_until: iso(now() + leaseMs) })
        .where('id', '=', job.id)
        .where('lease_owner', '=', job.leaseOwner)
        .where('state', '=', 'running')
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    /** Ends a job through `executor` (the leases' own connection, or a caller's transaction); false when it was not this claim's. */
    async complete(job: ClaimedJob, executor: Kysely<Database> = db): Promise<boolean> {
      const r = await executor.deleteFrom('jobs').where('id', '=', job.id).where('lease_owner', '=', job.leaseOwner).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },

    /**
     * The job becomes its own next piece of work (JobContext.continueIn) through `tx`;
     * false when a job with `key` is already waiting (the caller then ends this one).
     */
    async continueAs(tx: Kysely<Database>, job: ClaimedJob, payload: string, key: string | null): Promise<boolean> {
      if (key !== null) {
        const waiting = await tx.selectFrom('jobs').select('id').where('key', '=', key).where('state', '=', 'waiting').executeTakeFirst();
        if (waiting) return false;
        // As enqueue does: a started job gives its key up.
        await tx.updateTable('jobs').set({ key: null }).where('key', '=', key).where('state', '=', 'running').execute();
      }
      const r = await tx
        .updateTable('jobs')
        // Its first try starts now, as a claim would count it.
        .set({ payload, key, attempts: 1, last_error: null, lease_until: iso(now() + leaseMs) })
        .where('id', '=', job.id)
        .where('lease_owner', '=', job.leaseOwner)
        .executeTakeFirst();
      if (r.numUpdatedRows === 0n) throw new Error('The job\'s lease was taken over by another runner.');
      return true;
    },

    /** Puts a running job back in line untried (a runner stopping, or leaving the lane to others for a turn). */
    async release(job: ClaimedJob): Promise<void> {
      await db
        .updateTable('jobs')
        .set({ state: 'waiting', attempts: sql`max(attempts - 1, 0)`, lease_owner: null, lease_until: null, run_at: iso(now()) })
        .where('id', '=', job.id)
        .where('lease_owner', '=', job.leaseOwner)
        .execute();
    },

    /** A failed try: back in line after a jittered backoff, or dead after its last try. */
    async fail(job: ClaimedJob, error: unknown): Promise<'retry' | 'dead'> {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
      const dead = job.attempts >= job.max_attempts;
      const at = now();
      await db
        .updateTable('jobs')
        .set(
          dead
            ? { state: 'dead', key: null, lease_owner: null, lease_until: null, last_error: message, failed_at: iso(at) }
            : { state: 'waiting', run_at: iso(at + backoffMs(job.attempts, random)), lease_owner: null, lease_until: null, last_error: message },
        )
        .where('id', '=', job.id)
        .where('lease_owner', '=', job.leaseOwner)
        .execute();
      return dead ? 'dead' : 'retry';
    },

    /** A job whose runner died during its last try is dead: nobody finished it, nobody may try again. */
    async buryAbandoned(): Promise<void> {
      const at = iso(now());
      await db
        .updateTable('jobs')
        .set({ state: 'dead', key: null, lease_owner: null, lease_until: null, failed_at: at, last_error: 'Its runner stopped during the last try (the lease ran out).' })
        .where('state', '=', 'running')
        .where('lease_until', '<=', at)
        .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
        .execute();
    },
  };
}

export type SqliteLeases = ReturnType<typeof sqliteLeases>;

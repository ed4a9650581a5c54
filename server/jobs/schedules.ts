import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { checkNewJob } from './limits';
import { nextFire } from './next-fire';
import type { Enqueued, NewJob, Schedule } from './types';

interface Options {
  db: Kysely<Database>;
  now: () => number;
  enqueue: (tx: Kysely<Database>, job: NewJob) => Promise<Enqueued>;
  schedules: Schedule[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Cron on both engines (the same code: portable Kysely over the `job_schedules` table).
 * Each schedule has a row holding its next fire time. A
 * runner that finds it due moves it to the following fire time with an UPDATE that only
 * matches the time it read; the one runner whose UPDATE matched enqueues the job, in the
 * same transaction. Fires missed while no server ran are not made up: one fire, then the
 * next future time. A schedule's jobs share a lane, so its runs never overlap: a fire
 * that comes while the last run is still going waits for it.
 */
export function cronSchedules({ db, now, enqueue, schedules }: Options) {
  const byName = new Map(schedules.map((s) => [s.name, s]));
  for (const s of schedules) (checkNewJob({ task: s.task, payload: s.payload, lane: `schedule:${s.name}`, maxAttempts: s.maxAttempts }), nextFire(s, now()));

  return {
    /** Writes each schedule's row; a changed pattern starts again from now. */
    async register(): Promise<void> {
      for (const s of schedules) {
        await db
          .insertInto('job_schedules')
          .values({ name: s.name, cron: s.cron, task: s.task, payload: JSON.stringify(s.payload ?? {}), next_at: iso(nextFire(s, now())) })
          .onConflict((oc) =>
            oc.column('name').doUpdateSet({
              task: (eb) => eb.ref('excluded.task'),
              payload: (eb) => eb.ref('excluded.payload'),
              next_at: sql<string>`CASE WHEN job_schedules.cron = excluded.cron THEN job_schedules.next_at ELSE excluded.next_at END`,
              cron: (eb) => eb.ref('excluded.cron'),
            }),
          )
          .execute();
      }
    },

    /** Fires every schedule of this runner that is due; resolves with how many this runner fired. */
    async fireDue(): Promise<number> {
      if (byName.size === 0) return 0;
      const at = now();
      const due = await db
        .selectFrom('job_schedules')
        .select(['name', 'next_at'])
        .where('name', 'in', [...byName.keys()])
        .where('next_at', '<=', iso(at))
        .execute();
      let fired = 0;
      for (const row of due) {
        const schedule = byName.get(row.name)!;
        // On node:sqlite, where the server's queries share one connection, a Kysely
        // transaction must hold only queries so it runs to COMMIT within one turn of the
        // event loop (ARCHITECTURE.md, "Jobs"). On PostgreSQL a second instance's UPDATE
        // waits for this one's COMMIT, then matches no row.
        const won = await db.transaction().execute(async (tx) => {
          const moved = await tx
            .updateTable('job_schedules')
            .set({ next_at: iso(nextFire(schedule, at)) })
            .where('name', '=', row.name)
            .where('next_at', '=', row.next_at)
            .executeTakeFirst();
          if (moved.numUpdatedRows === 0n) return false;
          await enqueue(tx, { task: schedule.task, payload: schedule.payload, lane: `schedule:${schedule.name}`, maxAttempts: schedule.maxAttempts });
          return true;
        });
        if (won) fired++;
      }
      return fired;
    },
  };
}

export type Schedules = ReturnType<typeof cronSchedules>;

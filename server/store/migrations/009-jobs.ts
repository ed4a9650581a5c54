import type { Kysely } from 'kysely';
import { columnTypes, type Engine } from '../engine';

/**
 * The jobs table of the embedded (SQLite) job engine, and the cron schedules' next fire
 * times (server/jobs/). On PostgreSQL graphile-worker keeps its own tables; these are
 * created there too so every database has the same schema, and stay empty.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  // An ever-growing id orders each lane (AUTOINCREMENT on SQLite, an identity on PostgreSQL).
  await db.schema
    .createTable('jobs')
    .$call(columnTypes(engine).serialId('id'))
    .addColumn('task', 'text', (c) => c.notNull())
    /** JSON, at most a few KB. */
    .addColumn('payload', 'text', (c) => c.notNull())
    /** Dedupe key. A started job gives it up when the key is enqueued again; a dead job when it dies. */
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('lane', 'text')
    /** waiting → running (leased) → deleted when done; → dead after its last try. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    /** The claim that holds the lease (random per claim); only it may finish the job. */
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
  await db.schema.createIndex('jobs_lane').on('jobs').columns(['lane', 'id']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    /** Claimed by a conditional UPDATE: the runner that moves it on is the one that fires. */
    .addColumn('next_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_schedules').execute();
  await db.schema.dropTable('jobs').execute();
}

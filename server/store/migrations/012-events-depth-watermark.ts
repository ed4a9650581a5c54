import { sql, type Kysely } from 'kysely';

/**
 * The newest event stored before appends checked how deeply a payload nests. Intake has
 * bounded JSON depth since an earlier release, and the event log now refuses a payload
 * nested too deeply when it is appended; older rows may still hold one that parses but
 * cannot be serialised again. Reads check only events up to this id (none on a database
 * created by this release), instead of scanning every payload on every read. Retention
 * removes those old rows in time; the mark then covers nothing that is left.
 */
export const DEPTH_UNCHECKED_THROUGH = 'events.depth_unchecked_through';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO meta (key, value)
            SELECT ${DEPTH_UNCHECKED_THROUGH}, CAST(COALESCE(MAX(id), 0) AS text) FROM events`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', DEPTH_UNCHECKED_THROUGH).execute();
}

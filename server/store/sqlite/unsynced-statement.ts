import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { CompiledQuery } from 'kysely';
import { preparedCache } from './prepared-cache';
import { writeWithoutFsync } from './write-without-fsync';

/** Statements it keeps prepared: the job engine's claim is the one caller today. */
const MAX_PREPARED = 20;

/**
 * Runs one compiled write committed without a disk sync (write-without-fsync.ts), and
 * resolves with its rows (RETURNING). For writes whose loss on a power cut costs nothing:
 * the job engine's claim of a job (lost, the job is simply waiting again and is claimed
 * anew after the restart), so a flow step does not pay a sync before it even starts.
 */
export function unsyncedStatements(sqlite: DatabaseSync) {
  const prepared = preparedCache(MAX_PREPARED, (sql) => sqlite.prepare(sql));
  return <R>(query: CompiledQuery<R>): Promise<R[]> =>
    writeWithoutFsync(sqlite, () => prepared.get(query.sql).all(...(query.parameters as SQLInputValue[])) as R[]);
}

import type { AppDeps } from '../../app-context';
import type { Store } from '../../store/open';

const DAY_MS = 86_400_000;
/** Rows one DELETE removes at most: the server's one SQLite connection is not held for long. */
const BATCH = 500;

export interface RunRetentionReport {
  runs: number;
  filtered: number;
}

/**
 * Prunes finished flow runs (with their steps) and filtered firings older than
 * WEFT_FLOW_RUN_RETENTION_DAYS, and per instance those beyond its newest
 * WEFT_FLOW_RUN_RETENTION_COUNT. Runs still running or waiting are never pruned. In
 * batches, yielding between them; `signal` stops it before the next batch.
 */
export async function pruneFlowRuns(store: Pick<Store, 'db' | 'transaction'>, now: number, limits: AppDeps['config']['flowRunRetention'], signal?: AbortSignal): Promise<RunRetentionReport> {
  const { db } = store;
  const report: RunRetentionReport = { runs: 0, filtered: 0 };
  const cutoff = new Date(now - limits.days * DAY_MS).toISOString();
  const deleteRuns = async (ids: string[]) => {
    if (ids.length === 0) return;
    await store.transaction(async (tx) => {
      await tx.deleteFrom('flow_run_steps').where('run_id', 'in', ids).execute();
      await tx.deleteFrom('flow_runs').where('id', 'in', ids).execute();
    });
    report.runs += ids.length;
    await new Promise((resolve) => setImmediate(resolve));
  };
  const finished = ['succeeded', 'failed'] as const;

  while (!signal?.aborted) {
    const old = await db.selectFrom('flow_runs').select('id').where('status', 'in', finished).where('started_at', '<', cutoff).limit(BATCH).execute();
    await deleteRuns(old.map((r) => r.id));
    if (old.length < BATCH) break;
  }
  while (!signal?.aborted) {
    const old = await db.selectFrom('flow_filtered').select('id').where('at', '<', cutoff).limit(BATCH).execute();
    if (old.length > 0) await db.deleteFrom('flow_filtered').where('id', 'in', old.map((r) => Number(r.id))).execute();
    report.filtered += old.length;
    if (old.length < BATCH) break;
  }

  // By count, per instance: what is older than its newest `perInstance`.
  const crowded = await db.selectFrom('flow_runs').select(['instance_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('instance_id').having((eb) => eb.fn.countAll(), '>', limits.perInstance).execute();
  for (const { instance_id } of crowded) {
    const edge = await db.selectFrom('flow_runs').select('started_at').where('instance_id', '=', instance_id).orderBy('started_at', 'desc').orderBy('id', 'desc').offset(limits.perInstance - 1).limit(1).executeTakeFirst();
    if (!edge) continue;
    while (!signal?.aborted) {
      const old = await db.selectFrom('flow_runs').select('id').where('instance_id', '=', instance_id).where('status', 'in', finished).where('started_at', '<', edge.started_at).limit(BATCH).execute();
      await deleteRuns(old.map((r) => r.id));
      if (old.length < BATCH) break;
    }
  }
  const crowdedFiltered = await db.selectFrom('flow_filtered').select(['instance_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('instance_id').having((eb) => eb.fn.countAll(), '>', limits.perInstance).execute();
  for (const { instance_id } of crowdedFiltered) {
    const edge = await db.selectFrom('flow_filtered').select('id').where('instance_id', '=', instance_id).orderBy('id', 'desc').offset(limits.perInstance - 1).limit(1).executeTakeFirst();
    if (!edge) continue;
    while (!signal?.aborted) {
      const old = await db.selectFrom('flow_filtered').select('id').where('instance_id', '=', instance_id).where('id', '<', edge.id).limit(BATCH).execute();
      if (old.length > 0) await db.deleteFrom('flow_filtered').where('id', 'in', old.map((r) => Number(r.id))).execute();
      report.filtered += old.length;
      if (old.length < BATCH) break;
    }
  }
  return report;
}

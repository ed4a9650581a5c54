import type { AppDeps } from '../../app-context';
import { HttpError } from '../../lib/http-error';
import { newId, nowIso } from '../../lib/ids';
import { loadFlowContext } from './instance';
import { positionOfKey } from './position';
import { outputOf } from './scope';
import { enqueueStep } from './step-jobs';

/**
 * Re-runs a failed run from its failed step (or from `fromStep`, a step key of that run):
 * a new run (`rerun_of` the old one) on the same version with the same trigger data, the
 * steps that finished before that step copied with their outputs, and its first job at
 * that step. The copied steps are not run again; the re-run ones get new idempotency keys.
 */
export async function rerunFailed(deps: AppDeps, runId: string, fromStep?: string): Promise<string> {
  const run = await deps.db.selectFrom('flow_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  if (run.status !== 'failed') throw new HttpError(409, 'conflict', `Only a failed run can be re-run; this one ${run.status === 'succeeded' ? 'succeeded' : 'is still running'}.`);
  const ctx = await loadFlowContext(deps.db, run.instance_id, run.flow_id, run.version);
  if (!ctx) throw new HttpError(409, 'conflict', 'The instance or the integration version this run ran on no longer exists.');
  const rows = (await deps.db.selectFrom('flow_run_steps').selectAll().where('run_id', '=', runId).execute()).sort((a, b) => a.seq - b.seq);
  const from = fromStep ?? rows.find((r) => r.status === 'failed')?.step_key;
  const start = rows.find((r) => r.step_key === from);
  if (!from || !start) {
    throw new HttpError(400, 'invalid_request', fromStep ? `This run has no step "${fromStep}".` : 'This run failed before any of its steps ran; start the flow again instead.');
  }
  const itemCounts = new Map(rows.map((r) => [r.step_key, outputOf(r)] as const));
  const pos = positionOfKey(ctx.flow, start.step_key, (key) => {
    const items = itemCounts.get(key);
    return Array.isArray(items) ? items.length : undefined;
  });
  if (!pos) throw new HttpError(409, 'conflict', `The step "${start.step_key}" can no longer be found in the flow this run ran.`);
  const kept = rows.filter((r) => r.seq < start.seq && (r.status === 'succeeded' || r.status === 'skipped'));
  const newRunId = newId('run');
  await deps.store.transaction(async (tx) => {
    await tx.insertInto('flow_runs').values({
      ...run, id: newRunId, status: 'running', error: null, rerun_of: run.id, dedupe_key: null, started_at: nowIso(), finished_at: null,
    }).execute();
    let seq = 0;
    for (const r of kept) await tx.insertInto('flow_run_steps').values({ ...r, run_id: newRunId, seq: ++seq }).execute();
    await enqueueStep(deps, tx, newRunId, ctx.flow, pos);
  });
  return newRunId;
}

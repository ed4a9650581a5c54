import type { AppDeps } from '../../app-context';
import { withEventOrigin, type EventOrigin } from '../../events/event-origin';

/** The origin an event made by `runId`'s work carries: that run, one deeper than the run's own chain. */
export async function runOrigin(deps: Pick<AppDeps, 'db'>, runId: string): Promise<EventOrigin | undefined> {
  const run = await deps.db.selectFrom('flow_runs').select(['instance_id', 'flow_id', 'chain_depth']).where('id', '=', runId).executeTakeFirst();
  return run ? { runId, instanceId: run.instance_id, flowId: run.flow_id, depth: Number(run.chain_depth) + 1 } : undefined;
}

/**
 * Runs `work` (a step's job, a failed run's notice) as work of the run `runId`: the
 * events it appends name that run as their origin (loop-guard.ts). The run is read only
 * if such an event is appended.
 */
export function asWorkOfRun<T>(deps: Pick<AppDeps, 'db'>, runId: string, work: () => Promise<T>): Promise<T> {
  return withEventOrigin(() => runOrigin(deps, runId), work);
}

import type { AppDeps } from '../../app-context';
import { withEventOrigin, type EventOrigin } from '../../events/event-origin';
import { keptRecent } from '../../lib/recent';

/** Origins of runs read lately: one is made of what never changes for its run. */
const origins = keptRecent<EventOrigin>(1000);

/**
 * The origin an event made by `runId`'s work carries: that run, one deeper than the run's
 * own chain. Read once per run, not once per step (each action step appends an activity event).
 */
export async function runOrigin(deps: Pick<AppDeps, 'db'>, runId: string): Promise<EventOrigin | undefined> {
  const kept = origins.get(runId);
  if (kept) return kept;
  const run = await deps.db.selectFrom('flow_runs').select(['instance_id', 'flow_id', 'chain_depth']).where('id', '=', runId).executeTakeFirst();
  if (!run) return undefined;
  return origins.set(runId, Object.freeze({ runId, instanceId: run.instance_id, flowId: run.flow_id, depth: Number(run.chain_depth) + 1 }));
}

/**
 * Runs `work` (a step's job, a failed run's notice) as work of the run `runId`: the
 * events it appends name that run as their origin (loop-guard.ts). The run is read only
 * if such an event is appended.
 */
export function asWorkOfRun<T>(deps: Pick<AppDeps, 'db'>, runId: string, work: () => Promise<T>): Promise<T> {
  return withEventOrigin(() => runOrigin(deps, runId), work);
}

import type { AppDeps } from '../../app-context';
import type { Schedule, TaskHandler } from '../../jobs/types';
import { MATCH_EVENTS_TASK, matchEvents } from './event-triggers';
import { notifyRunFailed } from './notify-failure';
import { RUN_FAILED_TASK } from './run-end';
import { pruneFlowRuns } from './run-retention';
import { runStepJob } from './run-step';
import { STEP_TASK } from './step-jobs';

const PRUNE_TASK = 'flows.prune-runs';

/** The flow runner's jobs: steps, event trigger matching, failure notices, retention. */
export function flowTasks(deps: AppDeps): Record<string, TaskHandler> {
  return {
    [STEP_TASK]: (job) => runStepJob(deps, job),
    [MATCH_EVENTS_TASK]: (job) => matchEvents(deps, job),
    [RUN_FAILED_TASK]: (job) => notifyRunFailed(deps, job),
    [PRUNE_TASK]: async ({ signal }) => {
      const report = await pruneFlowRuns(deps.store, Date.now(), deps.config.flowRunRetention, signal);
      if (report.runs + report.filtered > 0) deps.log.info(`Flow retention: pruned ${report.runs} runs and ${report.filtered} filtered firings.`, { ...report });
    },
  };
}

export const flowSchedules: Schedule[] = [
  // The backstop of event matching: a wake-up lost (another instance's signal) costs a minute at most.
  { name: 'match-flow-events', cron: '* * * * *', task: MATCH_EVENTS_TASK, maxAttempts: 1 },
  // Finished runs past WEFT_FLOW_RUN_RETENTION_DAYS / _COUNT are pruned.
  { name: 'prune-flow-runs', cron: '37 * * * *', task: PRUNE_TASK, maxAttempts: 1 },
];

import type { AppDeps } from '../../app-context';
import type { Schedule, TaskHandler } from '../../jobs/types';
import { MATCH_EVENTS_TASK, matchEvents } from './event-triggers';
import { DEAD_STEPS_TASK, failRunOnLastTry, failRunsOfDeadStepJobs } from './exhausted-step';
import { notifyRunFailed } from './notify-failure';
import { RUN_FAILED_TASK } from './run-end';
import { pruneFlowRuns } from './run-retention';
import { asWorkOfRun } from './run-origin';
import { runStepJob } from './run-step';
import { STEP_TASK, type StepJobPayload } from './step-jobs';

const PRUNE_TASK = 'flows.prune-runs';

/**
 * The flow runner's jobs: steps, event trigger matching, failure notices, retention. A
 * step and a failure notice run as work of their run, so the events they cause carry it
 * as their origin (loop-guard.ts); a step job's last try that throws fails its run
 * (exhausted-step.ts).
 */
export function flowTasks(deps: AppDeps): Record<string, TaskHandler> {
  return {
    [STEP_TASK]: (job) => asWorkOfRun(deps, (job.payload as unknown as StepJobPayload).runId, () => failRunOnLastTry(deps, job, () => runStepJob(deps, job))),
    [MATCH_EVENTS_TASK]: (job) => matchEvents(deps, job),
    [RUN_FAILED_TASK]: (job) => asWorkOfRun(deps, String(job.payload.runId), () => notifyRunFailed(deps, job)),
    [DEAD_STEPS_TASK]: async () => {
      const failed = await failRunsOfDeadStepJobs(deps);
      if (failed > 0) deps.log.warn(`Failed ${failed} flow run(s) whose step job had gone dead without ending them.`, { failed });
    },
    [PRUNE_TASK]: async ({ signal }) => {
      const report = await pruneFlowRuns(deps.store, Date.now(), deps.config.flowRunRetention, signal);
      if (report.runs + report.filtered > 0) deps.log.info(`Flow retention: pruned ${report.runs} runs and ${report.filtered} filtered firings.`, { ...report });
    },
  };
}

export const flowSchedules: Schedule[] = [
  // The backstop of event matching: a wake-up lost (another instance's signal) costs a minute at most.
  { name: 'match-flow-events', cron: '* * * * *', task: MATCH_EVENTS_TASK, maxAttempts: 1 },
  // Runs whose step job died on its last try without failing them (exhausted-step.ts).
  { name: 'fail-dead-flow-steps', cron: '*/5 * * * *', task: DEAD_STEPS_TASK, maxAttempts: 1 },
  // Finished runs past WEFT_FLOW_RUN_RETENTION_DAYS / _COUNT are pruned.
  { name: 'prune-flow-runs', cron: '37 * * * *', task: PRUNE_TASK, maxAttempts: 1 },
];

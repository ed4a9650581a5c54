import { afterEach, expect, it } from 'vitest';
import type { AppDeps } from '../../app-context';
import type { JobContext, JobQueue, JobRunner, NewJob } from '../../jobs/types';
import { forEachEngine } from '../../store/testing/engines';
import { failRunsOfDeadStepJobs } from './exhausted-step';
import { fireTrigger } from './fire-trigger';
import { RUN_FAILED_TASK } from './run-end';
import { STEP_TASK, type StepJobPayload } from './step-jobs';
import { flowTasks } from './tasks';
import { flowsTestApp, manualFlow, slackPost, type FlowsTestApp } from './testing';

const twoPosts = manualFlow([slackPost('first', 'first post'), slackPost('second', 'second post')], { name: 'Two posts' });

const REFUSAL = 'the jobs table refused the write (disk full)';

/**
 * The app's deps with a job queue that refuses what `refuses` says while `broken.on`: the
 * runner's own writes fail every time, as with a database that refuses them. That is an
 * enqueue, or on SQLite a step job's continuation as the next step (JobContext.continueIn),
 * refused alike. Step jobs get 2 tries instead of 10, so the test waits one backoff, not nine.
 */
function breakable(deps: AppDeps, refuses: (job: NewJob) => boolean) {
  const broken = { on: true };
  const refusing = (job: JobContext): JobContext => {
    const continueIn = job.continueIn;
    if (!continueIn) return job;
    return {
      ...job,
      continueIn: (tx, next) => (broken.on && refuses({ task: job.task, ...next }) ? Promise.reject(new Error(REFUSAL)) : continueIn(tx, next)),
    };
  };
  const jobs: JobQueue = {
    ...deps.jobs,
    enqueue: (db, job) => {
      if (broken.on && refuses(job)) return Promise.reject(new Error(REFUSAL));
      return deps.jobs.enqueue(db, job.task === STEP_TASK ? { ...job, maxAttempts: 2 } : job);
    },
    runner: (options) =>
      deps.jobs.runner({ ...options, tasks: Object.fromEntries(Object.entries(options.tasks).map(([name, handler]) => [name, (job: JobContext) => handler(refusing(job))])) }),
  };
  return { deps: { ...deps, jobs } as AppDeps, broken };
}

/** The step after the first: handing over to it is what the first step's job cannot do. */
const laterStep = (job: NewJob) => job.task === STEP_TASK && (job.payload as unknown as StepJobPayload).pos[0]!.i > 0;

forEachEngine('a step job that fails every try', (engine) => {
  let t: FlowsTestApp;
  let runner: JobRunner | undefined;
  afterEach(async () => {
    await runner?.stop(2_000);
    runner = undefined;
    await t?.close();
  });

  it('fails its run with a message a person understands, sends the failure notice, and the run can be re-run', async () => {
    t = await flowsTestApp(engine, { startRunner: false });
    const { deps, broken } = breakable(t.deps, laterStep);
    runner = deps.jobs.runner({ tasks: flowTasks(deps), pollMs: 20, concurrency: 4 });
    runner.start();
    const instanceId = await t.deploy(twoPosts, { slack: await t.connectionOf('slack') });
    const fired = await fireTrigger(deps, { instanceId, flowId: 'go', triggerType: 'manual', data: {} });
    const runId = 'runId' in fired ? fired.runId : '';

    const [run] = await t.finishedRuns(instanceId, 1, 15_000);
    const message = `Weft could not run step "first": ${REFUSAL}; it stopped after 2 tries.`;
    expect(run).toMatchObject({ id: runId, status: 'failed', error: message });
    expect((await t.steps(runId)).map((s) => [s.step_key, s.status, s.error])).toEqual([['first', 'failed', message]]);

    // The owner is told, as of any failed run.
    const notice = await t.waitFor('the failure notice', () => t.deps.db.selectFrom('events').select(['payload']).where('type', '=', 'flow.run_failed').executeTakeFirst());
    expect(JSON.parse(notice.payload!)).toMatchObject({ runId, flowName: 'Go', error: message });

    // Once the runner works again, the run is re-run from that step and finishes.
    broken.on = false;
    const rerun = await t.call('POST', `/api/runs/${runId}/rerun`, { token: t.token, body: {} });
    expect(rerun.status).toBe(201);
    const runs = await t.finishedRuns(instanceId, 2, 15_000);
    const again = runs.find((r) => r.id !== runId)!;
    expect(again).toMatchObject({ status: 'succeeded', rerun_of: runId });
    expect((await t.steps(again.id)).map((s) => [s.step_key, s.status])).toEqual([['first', 'succeeded'], ['second', 'succeeded']]);
  });

  it('a dead step job whose run could not be failed then (the database refused that too) is failed by the backstop', async () => {
    t = await flowsTestApp(engine, { startRunner: false });
    // The failure notice's job cannot be written either: the last try cannot fail the run.
    const { deps } = breakable(t.deps, (job) => laterStep(job) || job.task === RUN_FAILED_TASK);
    runner = deps.jobs.runner({ tasks: flowTasks(deps), pollMs: 20, concurrency: 4 });
    runner.start();
    const instanceId = await t.deploy(twoPosts, { slack: await t.connectionOf('slack') });
    const fired = await fireTrigger(deps, { instanceId, flowId: 'go', triggerType: 'manual', data: {} });
    const runId = 'runId' in fired ? fired.runId : '';

    const dead = await t.waitFor('the dead step job', async () => (await t.deps.jobs.deadLetters()).find((j) => j.task === STEP_TASK && j.payload.runId === runId), 15_000);
    expect(dead.attempts).toBe(2);
    expect((await t.runs(instanceId))[0]!.status).toBe('running');

    expect(await failRunsOfDeadStepJobs(t.deps)).toBe(1);
    const [run] = await t.runs(instanceId);
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Weft could not run step "first": .*the jobs table refused the write \(disk full\).*; it stopped after 2 tries\.$/) });
    // Once is enough: the next sweep finds nothing left to fail.
    expect(await failRunsOfDeadStepJobs(t.deps)).toBe(0);
  });
});

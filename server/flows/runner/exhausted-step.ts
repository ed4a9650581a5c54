import type { AppDeps } from '../../app-context';
import type { JobContext } from '../../jobs/types';
import { MAX_DEAD_LISTED } from '../../jobs/limits';
import { nowIso } from '../../lib/ids';
import { loadFlowContext } from './instance';
import { stepAt, stepKeyAt } from './position';
import { failRun } from './run-end';
import { STEP_TASK, type StepJobPayload } from './step-jobs';

/** The task that fails the runs of step jobs that went dead without failing them (the backstop below). */
export const DEAD_STEPS_TASK = 'flows.fail-dead-steps';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs a step job (`step`), and when its last try throws, fails its run before the
 * error goes back to the job engine (which then buries the job): a run whose runner kept
 * throwing (a bug, a database that refuses a write) would otherwise stay `running` for
 * ever, with nothing left to move it on. The run then ends like any failed run (its
 * notification, its Slack alert) and can be re-run from that step. An earlier try's
 * error only goes back to the engine, which tries again later.
 */
export async function failRunOnLastTry(deps: AppDeps, job: JobContext, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    // The engine's record says how many tries this job has. When even that cannot be read,
    // the job is left to the engine: if this was its last try, the backstop fails the run.
    const info = await deps.jobs.get(job.id).catch(() => undefined);
    if (info && job.attempt >= info.maxAttempts) {
      await failRunOfExhaustedStep(deps, job.payload as unknown as StepJobPayload, messageOf(error), job.attempt).catch((failure: unknown) =>
        // The database may be what refuses: the dead job stays, and the backstop fails its run later.
        deps.log.error('A flow step job failed its last try, and its run could not be marked failed yet.', { jobId: job.id, error: messageOf(failure) }),
      );
    }
    throw error;
  }
}

/**
 * Fails the run of a step job that will not be tried again: the step's row (written now
 * if the step never got one) and the run say "Weft could not run step X: <error>; it
 * stopped after N tries", in one transaction with the failure's notice job. A run that
 * already ended is left alone, so this may run any number of times.
 */
export async function failRunOfExhaustedStep(deps: Pick<AppDeps, 'db' | 'store' | 'jobs'>, payload: StepJobPayload, error: string, tries: number): Promise<boolean> {
  const run = await deps.db.selectFrom('flow_runs').selectAll().where('id', '=', payload.runId).executeTakeFirst();
  if (!run || (run.status !== 'running' && run.status !== 'waiting')) return false;
  const ctx = await loadFlowContext(deps.db, run.instance_id, run.flow_id, run.version);
  let step: { key: string; id: string } | undefined;
  try {
    if (ctx) step = { key: stepKeyAt(ctx.flow, payload.pos), id: stepAt(ctx.flow, payload.pos).id };
  } catch {
    step = undefined;
  }
  const what = step ? `step "${step.key}"` : 'the next step of this run';
  const message = `Weft could not run ${what}: ${error.slice(0, 1000)}; it stopped after ${tries} ${tries === 1 ? 'try' : 'tries'}.`;
  return deps.store.transaction(async (tx) => {
    // Read again inside the transaction: another path may have ended the run meanwhile.
    const current = await tx.selectFrom('flow_runs').select('status').where('id', '=', run.id).executeTakeFirst();
    if (!current || (current.status !== 'running' && current.status !== 'waiting')) return false;
    if (step) {
      const now = nowIso();
      const existing = await tx.selectFrom('flow_run_steps').select('step_key').where('run_id', '=', run.id).where('step_key', '=', step.key).executeTakeFirst();
      if (existing) {
        await tx.updateTable('flow_run_steps').set({ status: 'failed', error: message, finished_at: now }).where('run_id', '=', run.id).where('step_key', '=', step.key).execute();
      } else {
        // A failed row is what a re-run starts from.
        const last = await tx.selectFrom('flow_run_steps').select((eb) => eb.fn.max('seq').as('seq')).where('run_id', '=', run.id).executeTakeFirst();
        await tx.insertInto('flow_run_steps').values({
          run_id: run.id, step_key: step.key, step_id: step.id, seq: Number(last?.seq ?? 0) + 1, status: 'failed', input: null, output: null,
          output_truncated: 0, output_hash: null, error: message, attempts: 0, started_at: now, finished_at: now,
        }).execute();
      }
    }
    await failRun(deps, tx, run.id, message);
    return true;
  });
}

/**
 * The backstop (task `flows.fail-dead-steps`, every five minutes): a step job can go dead
 * without its last try failing the run, when its server died during that try (the lease
 * ran out) or the database refused that too. Fails the runs of the dead step jobs the
 * engine lists that are still running or waiting; resolves with how many.
 */
export async function failRunsOfDeadStepJobs(deps: Pick<AppDeps, 'db' | 'store' | 'jobs'>): Promise<number> {
  const dead = (await deps.jobs.deadLetters(MAX_DEAD_LISTED)).filter((j) => j.task === STEP_TASK && typeof j.payload.runId === 'string');
  if (dead.length === 0) return 0;
  const open = new Set(
    (await deps.db.selectFrom('flow_runs').select('id').where('id', 'in', dead.map((j) => String(j.payload.runId))).where('status', 'in', ['running', 'waiting']).execute()).map((r) => r.id),
  );
  let failed = 0;
  for (const job of dead) {
    if (!open.has(String(job.payload.runId))) continue;
    if (await failRunOfExhaustedStep(deps, job.payload as unknown as StepJobPayload, job.lastError || 'its runner stopped during the last try', job.attempts)) failed++;
  }
  return failed;
}

import type { Kysely } from 'kysely';
import type { Flow, Step } from '../../../shared/flows/document';
import { evaluate, evaluateCondition, renderTemplate, type FlowScope } from '../../../shared/flows/expressions';
import type { AppDeps } from '../../app-context';
import type { JobContext } from '../../jobs/types';
import { nowIso } from '../../lib/ids';
import type { Database, FlowStepStatus } from '../../store/schema';
import { parseDelay } from './delay';
import { loadFlowContext, type FlowContext } from './instance';
import { advance, enter, isBranch, isForEach, stepAt, stepKeyAt, type Position } from './position';
import { retryWaitMs, stepAttempts } from './retry';
import { failRun, finishRun } from './run-end';
import { buildScope, outputOf, type RunRow, type StepRow } from './scope';
import { StepError } from './step-error';
import { enqueueStep, stepPiece, type StepJobPayload } from './step-jobs';
import { KINDS_THAT_BEGIN, leafKindOf, leafTemplate, stepKinds, type LeafStep } from './step-kinds';
import { recordOutput, redactInput } from './step-record';

/** A forEach runs over this many items at most. */
export const MAX_FOR_EACH_ITEMS = 1000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One step of one run, as a job (task `flows.step`). The step's row and the enqueue of
 * whatever comes next commit in one transaction, so a server that dies at any point
 * re-runs no finished step and skips none: a job that finds its step already finished
 * only enqueues the next one (the job key makes that enqueue a no-op when it is waiting).
 */
export async function runStepJob(deps: AppDeps, job: JobContext): Promise<void> {
  const { runId, pos } = job.payload as unknown as StepJobPayload;
  const end = endingJob(deps, job);
  const run = await deps.db.selectFrom('flow_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || run.status === 'succeeded' || run.status === 'failed') return;
  const ctx = await loadFlowContext(deps.db, run.instance_id, run.flow_id, run.version);
  if (!ctx) return end((tx) => failRun(deps, tx, runId, 'The instance or the integration version this run started on no longer exists.'));
  let step: Step;
  let key: string;
  try {
    step = stepAt(ctx.flow, pos);
    key = stepKeyAt(ctx.flow, pos);
  } catch (error) {
    return end((tx) => failRun(deps, tx, runId, message(error)));
  }
  const rows = await deps.db.selectFrom('flow_run_steps').selectAll().where('run_id', '=', runId).execute();
  const row = rows.find((r) => r.step_key === key);
  // The next step runs as this job's continuation where the engine allows: no new job to
  // enqueue and claim between two steps of a run (the bench's overhead per step).
  const handOn = async (tx: Kysely<Database>, next: Position) => {
    if (job.continueIn) await job.continueIn(tx, stepPiece(runId, ctx.flow, next));
    else await enqueueStep(deps, tx, runId, ctx.flow, next);
  };
  const s = new StepWriter(deps, run, ctx.flow, pos, key, step.id, rows, handOn);

  if (row?.status === 'succeeded' || row?.status === 'skipped') return s.continuing(end, outputOf(row), row.status === 'skipped');
  // Its failure failed the run in the same transaction.
  if (row?.status === 'failed') return;
  if (row?.status === 'waiting') return resumeDelay(s, end, row);

  let scope: FlowScope;
  try {
    scope = await buildScope(deps.db, run, ctx.flow, ctx.config, rows, pos);
    if (step.if !== undefined && !evaluateCondition(step.if, scope)) {
      return s.finishing(end, 'skipped', { error: `filtered: \`${step.if}\` was false` });
    }
  } catch (error) {
    return end((tx) => s.fail(tx, `The step's condition could not be evaluated: ${message(error)}`, row?.attempts ?? 0));
  }

  if (isBranch(step)) {
    let chosen: number | null = null;
    try {
      chosen = step.branch.findIndex((b) => b.if === undefined || evaluateCondition(b.if, scope));
    } catch (error) {
      return end((tx) => s.fail(tx, `A branch condition could not be evaluated: ${message(error)}`, 0));
    }
    return s.finishing(end, 'succeeded', { output: { branch: chosen === -1 ? null : chosen } });
  }
  if (isForEach(step)) {
    let items: unknown;
    try {
      items = evaluate(step.forEach.items, scope);
    } catch (error) {
      return end((tx) => s.fail(tx, `The forEach list could not be evaluated: ${message(error)}`, 0));
    }
    if (!Array.isArray(items)) return end((tx) => s.fail(tx, `forEach needs a list, and \`${step.forEach.items}\` is ${items === null ? 'null' : typeof items}.`, 0));
    if (items.length > MAX_FOR_EACH_ITEMS) return end((tx) => s.fail(tx, `forEach runs over ${MAX_FOR_EACH_ITEMS} items at most; this list has ${items.length}.`, 0));
    if (recordOutput(items).truncated) return end((tx) => s.fail(tx, 'The forEach list is larger than 64 KB; pass ids and look each item up in its steps.', 0));
    return s.finishing(end, 'succeeded', { output: items });
  }
  if ('delay' in step) {
    let ms: number;
    try {
      ms = parseDelay(step.delay, scope);
    } catch (error) {
      return end((tx) => s.fail(tx, message(error), 0));
    }
    const until = Date.now() + ms;
    return end(async (tx) => {
      await s.write(tx, 'waiting', { output: { until: new Date(until).toISOString() }, started: true });
      await tx.updateTable('flow_runs').set({ status: 'waiting' }).where('id', '=', runId).where('status', '=', 'running').execute();
      await enqueueStep(deps, tx, runId, ctx.flow, pos, until);
    });
  }
  return runLeaf(deps, job, end, ctx, s, step as LeafStep, scope, row?.attempts ?? 0);
}

/**
 * Runs `fn` as the transaction that ends the step's job: the job's own end commits with it
 * where the engine allows. `handsOn`: `fn` hands the run to the next step as this job's
 * continuation.
 */
type EndJob = <T>(fn: (tx: Kysely<Database>) => Promise<T>, handsOn?: boolean) => Promise<T>;

function endingJob(deps: AppDeps, job: JobContext): EndJob {
  return (fn, handsOn = false) =>
    deps.store.transaction(
      async (tx) => {
        const result = await fn(tx);
        await job.completeIn?.(tx);
        return result;
      },
      // A step that hands the run on to the job's next piece commits without waiting for
      // the disk: that piece commits the next step's attempt, synced, before it sends
      // anything, and a synced commit makes every earlier one durable. So nothing outside
      // Weft ever follows a record that is not on disk; the process dying loses nothing;
      // a power cut in the millisecond between the two loses this step's record (the record
      // of its attempt, synced, stays), and the re-run treats the step as an attempt cut off
      // mid-request, as after a crash during the request itself: an action's pending key
      // makes it ask the provider where it can, and not send again where it cannot.
      // Every other end (the run's last step, a failure, a retry later) is synced.
      { synced: !(handsOn && job.continueIn) },
    );
}

/** A delay's job came back: carry on when its time has come (a job may run early after a restart). */
async function resumeDelay(s: StepWriter, end: EndJob, row: StepRow): Promise<void> {
  const until = Date.parse(((outputOf(row) ?? {}) as { until?: string }).until ?? '');
  if (Number.isFinite(until) && until > Date.now() + 50) {
    return end(async (tx) => void (await enqueueStep(s.deps, tx, s.run.id, s.flow, s.pos, until)));
  }
  return s.finishing(end, 'succeeded', { output: outputOf(row) }, async (tx) => {
    await tx.updateTable('flow_runs').set({ status: 'running' }).where('id', '=', s.run.id).where('status', '=', 'waiting').execute();
  });
}

/** An action, http or webhook step: render its input, run it, record the outcome; retry what may be retried. */
async function runLeaf(deps: AppDeps, job: JobContext, end: EndJob, ctx: FlowContext, s: StepWriter, step: LeafStep, scope: FlowScope, attemptsSoFar: number): Promise<void> {
  const attempt = attemptsSoFar + 1;
  let input: unknown;
  try {
    input = renderTemplate(leafTemplate(step) as never, scope);
  } catch (error) {
    return end((tx) => s.fail(tx, `The step's input could not be rendered: ${message(error)}`, attemptsSoFar));
  }
  const kind = leafKindOf(step)!;
  const runner = stepKinds[kind];
  if (!runner) return end((tx) => s.fail(tx, `This Weft server does not run ${kind} steps.`, attemptsSoFar));
  // The attempt is on record before anything is sent: the history shows a step in flight.
  const begin = <T>(writes: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    deps.store.transaction(async (tx) => {
      await s.write(tx, 'running', { input: redactInput(input), attempts: attempt, started: true });
      return writes(tx);
    });
  const onSuccess: ((tx: Kysely<Database>) => Promise<void>)[] = [];
  if (!KINDS_THAT_BEGIN.has(kind)) await begin(async () => {});
  let output: unknown;
  try {
    output = await runner({
      deps, runId: s.run.id, stepKey: s.key, idempotencyKey: `${s.run.id}:${s.key}`, attempt, signal: job.signal,
      input, step, instance: ctx.instance, owner: ctx.owner, config: ctx.config,
      begin, onSuccess: (write) => void onSuccess.push(write),
    });
  } catch (error) {
    // The server is stopping: the job runs again after the restart, as the same attempt.
    if (job.signal.aborted) throw error;
    const failure = error instanceof StepError ? error : new StepError(message(error), { retryable: true, cause: error });
    if (!(error instanceof StepError)) deps.log.warn('A flow step failed unexpectedly; it will be retried.', { runId: s.run.id, step: s.key, error: error instanceof Error ? error.stack : String(error) });
    if (failure.retryable && attempt < stepAttempts(step)) {
      const wait = retryWaitMs(step, attempt, failure.retryAfterMs);
      return end(async (tx) => {
        await s.write(tx, 'running', { error: `${failure.message} (attempt ${attempt}; next in ${Math.ceil(wait / 1000)} s)` });
        await enqueueStep(deps, tx, s.run.id, s.flow, s.pos, Date.now() + wait);
      });
    }
    const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
    return end((tx) => s.fail(tx, `${failure.message}${failure.retryable ? tries : ''}`, attempt));
  }
  return s.finishing(end, 'succeeded', { output }, async (tx) => {
    for (const write of onSuccess) await write(tx);
  });
}

/** Writes one step's row and moves the run on, inside the caller's transaction. */
class StepWriter {
  constructor(
    readonly deps: AppDeps,
    readonly run: RunRow,
    readonly flow: Flow,
    readonly pos: Position,
    readonly key: string,
    readonly stepId: string,
    private readonly rows: StepRow[],
    /** Starts the step at a position, in the transaction that ends this one. */
    private readonly handOn: (tx: Kysely<Database>, next: Position) => Promise<void>,
  ) {}

  async write(
    tx: Kysely<Database>,
    status: FlowStepStatus,
    fields: { input?: unknown; output?: unknown; error?: string | null; attempts?: number; started?: boolean; finished?: boolean },
  ): Promise<void> {
    const now = nowIso();
    const set: Record<string, unknown> = { status };
    if (fields.input !== undefined) set.input = JSON.stringify(fields.input);
    if (fields.output !== undefined) {
      const recorded = recordOutput(fields.output);
      Object.assign(set, { output: recorded.output, output_truncated: recorded.truncated ? 1 : 0, output_hash: recorded.hash });
    }
    if (fields.error !== undefined) set.error = fields.error;
    if (fields.attempts !== undefined) set.attempts = fields.attempts;
    if (fields.finished) set.finished_at = now;
    const existing = this.rows.find((r) => r.step_key === this.key);
    if (existing) {
      Object.assign(existing, set);
      await tx.updateTable('flow_run_steps').set(set).where('run_id', '=', this.run.id).where('step_key', '=', this.key).execute();
      return;
    }
    const seq = Math.max(0, ...this.rows.map((r) => r.seq)) + 1;
    const row = {
      run_id: this.run.id, step_key: this.key, step_id: this.stepId, seq, status, input: null, output: null,
      output_truncated: 0, output_hash: null, error: null, attempts: 0, started_at: now, finished_at: null, ...set,
    } as StepRow;
    await tx.insertInto('flow_run_steps').values(row).execute();
    // Later writes of this job update the row just inserted.
    this.rows.push(row);
  }

  /** The step failed for good: so does the run. */
  async fail(tx: Kysely<Database>, error: string, attempts: number): Promise<void> {
    await this.write(tx, 'failed', { error, attempts, finished: true });
    await failRun(this.deps, tx, this.run.id, error);
  }

  /**
   * Ends the step (`before` first) as the job's last transaction: its row, then the step
   * after it (into a chosen branch, or a forEach's first item) or the run's end. What
   * comes next is worked out once, before the transaction, which commits unsynced when
   * it hands the run on (endingJob).
   */
  finishing(end: EndJob, status: 'succeeded' | 'skipped', fields: { output?: unknown; error?: string }, before?: (tx: Kysely<Database>) => Promise<void>): Promise<void> {
    const skipped = status === 'skipped';
    const next = this.nextAfter(skipped ? null : fields.output, skipped);
    return end(async (tx) => {
      await before?.(tx);
      await this.write(tx, status, { ...fields, error: fields.error ?? null, finished: true });
      await this.goTo(tx, next);
    }, next !== null);
  }

  /** A step found already finished (a job run again after a crash): only what comes after it. */
  continuing(end: EndJob, output: unknown, skipped: boolean): Promise<void> {
    const next = this.nextAfter(output, skipped);
    return end((tx) => this.goTo(tx, next), next !== null);
  }

  /** Hands the run on to `next`, or ends it. */
  private async goTo(tx: Kysely<Database>, next: Position | null): Promise<void> {
    if (next) await this.handOn(tx, next);
    else await finishRun(tx, this.run.id);
  }

  /** The position after this step's: into a chosen branch, a forEach's first item, or the next one out; null at the run's end. */
  private nextAfter(output: unknown, skipped: boolean): Position | null {
    const step = stepAt(this.flow, this.pos);
    const frame = this.pos.at(-1)!;
    if (!skipped && isBranch(step) && typeof (output as { branch?: unknown })?.branch === 'number') {
      return enter(this.flow, this.pos, { i: frame.i, b: (output as { branch: number }).branch });
    }
    if (!skipped && isForEach(step) && Array.isArray(output) && output.length > 0) {
      return enter(this.flow, this.pos, { i: frame.i, item: 0, n: output.length });
    }
    return advance(this.flow, this.pos);
  }
}

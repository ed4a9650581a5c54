import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Flow } from '../../../shared/flows/document';
import type { AppDeps } from '../../app-context';
import type { Database } from '../../store/schema';
import { stepKeyAt, type Position } from './position';

/** The task that runs one step of a run (run-step.ts). */
export const STEP_TASK = 'flows.step';

export interface StepJobPayload {
  runId: string;
  pos: Position;
}

/**
 * Tries of one step job in the job engine. A step's own retries (429, 5xx) are new jobs
 * the runner enqueues with the step's backoff; these cover the runner itself failing (the
 * database away for a moment) and a server that died mid-step.
 */
const STEP_JOB_ATTEMPTS = 10;

/** Job keys are identifiers of at most 128 characters: a long step key is hashed. */
function jobKey(runId: string, stepKey: string): string {
  const key = `${runId}:${stepKey}`;
  return key.length <= 128 ? key : `${runId}:#${createHash('sha256').update(stepKey).digest('base64url').slice(0, 32)}`;
}

/**
 * Enqueues the step at `pos` of a run, inside the caller's transaction. The run's id is
 * the lane (a run's steps never run at once, and in order), and `<runId>:<stepKey>` the
 * key: a step enqueued twice while its job waits (a re-run after a crash) is one job.
 */
export function enqueueStep(deps: Pick<AppDeps, 'jobs'>, tx: Kysely<Database>, runId: string, flow: Flow, pos: Position, runAt?: number) {
  return deps.jobs.enqueue(tx, { task: STEP_TASK, ...stepPiece(runId, flow, pos), lane: runId, runAt, maxAttempts: STEP_JOB_ATTEMPTS });
}

/** The payload and key of the job that runs the step at `pos` of a run. */
export function stepPiece(runId: string, flow: Flow, pos: Position): { payload: Record<string, unknown>; key: string } {
  const payload: StepJobPayload = { runId, pos };
  return { payload: payload as unknown as Record<string, unknown>, key: jobKey(runId, stepKeyAt(flow, pos)) };
}

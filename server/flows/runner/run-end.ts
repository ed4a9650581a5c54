import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context';
import { nowIso } from '../../lib/ids';
import type { Database } from '../../store/schema';

/** The task that tells the owner of a failed run (notify-failure.ts). */
export const RUN_FAILED_TASK = 'flows.run-failed';

/** The run finished: every step succeeded or was skipped. */
export async function finishRun(tx: Kysely<Database>, runId: string): Promise<void> {
  await tx.updateTable('flow_runs').set({ status: 'succeeded', finished_at: nowIso(), error: null }).where('id', '=', runId).where('status', 'in', ['running', 'waiting']).execute();
}

/**
 * The run failed with `message` (a step's error, the provider's words). In the same
 * transaction, a job that notifies its owner: an event in their workspace, and the
 * instance's Slack alert when it has one.
 */
export async function failRun(deps: Pick<AppDeps, 'jobs'>, tx: Kysely<Database>, runId: string, message: string): Promise<void> {
  const updated = await tx
    .updateTable('flow_runs')
    .set({ status: 'failed', finished_at: nowIso(), error: message.slice(0, 2000) })
    .where('id', '=', runId)
    .where('status', 'in', ['running', 'waiting'])
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) {
    await deps.jobs.enqueue(tx, { task: RUN_FAILED_TASK, payload: { runId }, key: `failed:${runId}`, maxAttempts: 5 });
  }
}

import { failureAlertSchema, type FailureAlert } from '../../../shared/protocol/flows';
import { flowRunFailedType, type FlowRunFailedPayload } from '../../../shared/protocol/flow-runs';
import type { AppDeps } from '../../app-context';
import { currentEventOrigin } from '../../events/event-origin';
import type { JobContext } from '../../jobs/types';
import { runCatalogAction } from './action-step';
import { loadFlowContext } from './instance';
import { StepError } from './step-error';


/**
 * A run failed (task `flows.run-failed`, enqueued with the failure): a `flow.run_failed`
 * event in the owner's workspace, which every browser of theirs shows as a notification
 * with a link to the run; then the instance's Slack alert, if it has one, posted at most
 * once per run (idempotency key `<runId>:failure-alert`).
 */
export async function notifyRunFailed(deps: AppDeps, job: JobContext): Promise<void> {
  const runId = String(job.payload.runId);
  const run = await deps.db.selectFrom('flow_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || run.status !== 'failed') return;
  const ctx = await loadFlowContext(deps.db, run.instance_id, run.flow_id, run.version);
  const flowName = ctx?.flow.name ?? run.flow_id;
  const error = run.error ?? 'The run failed.';
  // A retry of this job (the alert below failed) must not notify twice.
  if (job.attempt === 1) {
    const payload: FlowRunFailedPayload = { runId, instanceId: run.instance_id, flowId: run.flow_id, flowName, error };
    // Run as work of the failed run (tasks.ts): a flow started by failures never restarts itself.
    const origin = await currentEventOrigin();
    if (origin) payload.origin = origin;
    await deps.events.append([{
      workspaceId: run.workspace_id, type: flowRunFailedType, provider: 'weft', connectionId: null,
      summary: { title: `Flow “${flowName}” failed: ${error}`.slice(0, 300), url: null, actor: null, assignees: [], mentions: [], subject: `weft:run:${runId}` },
      payload,
    }]);
  }
  if (!ctx?.instance.failure_alert) return;
  let alert: FailureAlert;
  try {
    alert = failureAlertSchema.parse(JSON.parse(ctx.instance.failure_alert));
  } catch {
    deps.log.warn('An instance\'s failure alert is not { connection, channel }; no Slack alert sent.', { instanceId: run.instance_id });
    return;
  }
  // A connection id (what the instances API stores), or the key of a connection variable of the config.
  const configured = ctx.config[alert.connection];
  const connectionId = typeof configured === 'string' ? configured : alert.connection;
  const text = `Weft flow “${flowName}” (${ctx.instance.name}) failed: ${error}\nRun ${runId}`;
  try {
    await runCatalogAction(deps, ctx.owner, 'slack.post_message', connectionId, { channel: alert.channel, text: text.slice(0, 3900) }, `${runId}:failure-alert`);
  } catch (failure) {
    // Refused for good (the channel is gone, the app was removed from it, the connection
    // deleted): another try changes nothing, so it is logged once instead of retried.
    if (failure instanceof StepError && !failure.retryable) {
      deps.log.warn('The failure alert could not be posted in Slack.', { runId, instanceId: run.instance_id, channel: alert.channel, reason: failure.message });
      return;
    }
    throw failure;
  }
}

import { z } from 'zod';
import { StepError } from '../runner/step-error';
import type { LeafStepContext, LeafStepRunner } from '../runner/step-kinds';
import type { Resolver } from './pinned-request';
import { tryDelivery } from './webhook-attempt';
import { addDelivery, deliveryId, replayDelivery, WEBHOOK_MAX_BODY_BYTES, type DeliveryRow } from './webhook-outbox';

const renderedWebhook = z.object({
  url: z.string({ error: 'The url must render to text.' }).min(1).max(4000),
  body: z.unknown(),
});

/** What later steps see: whether the receiver has it yet, and how to find it in the dead-letter list. */
export interface WebhookOutput {
  webhookId: string;
  status: 'delivered' | 'retrying';
  attempts: number;
  /** The receiver's HTTP status on the last try, if it answered. */
  responseStatus: number | null;
  /** When `retrying`: the last try's failure, and when the next try is due. */
  lastError?: string;
  nextAttemptAt?: string;
}

function output(row: DeliveryRow): WebhookOutput {
  const base = { webhookId: row.id, attempts: row.attempts, responseStatus: row.last_status };
  if (row.status === 'delivered') return { ...base, status: 'delivered' };
  return { ...base, status: 'retrying', ...(row.last_error ? { lastError: row.last_error } : {}), nextAttemptAt: new Date(row.next_attempt_ms).toISOString() };
}

/**
 * The outbound `webhook` step: the rendered body as JSON, POSTed to the URL and signed per
 * Standard Webhooks with the instance's secrets. The message goes into an outbox row first
 * (flow_webhook_deliveries), then the first try is made at once and its outcome is the
 * step's output. A receiver that is down does not hold the run up: the step succeeds
 * with `status: retrying`, and the outbox keeps trying for 3 days (webhook-retry.ts), then
 * dead-letters the message for replay. Only a receiver that refuses the message outright
 * (3xx, 4xx other than 408/429, a refused address) fails the step, with its words.
 *
 * The run's own retries and re-runs come back to the same row (its id derives from the
 * idempotency key): one already delivered or still retrying is not sent again; one that
 * was refused is tried again, as a re-run is a person asking for that.
 */
export function createWebhookStep(options: { resolve?: Resolver } = {}): LeafStepRunner {
  return async (ctx: LeafStepContext) => {
    const parsed = renderedWebhook.safeParse(ctx.input);
    if (!parsed.success) throw new StepError(`The webhook step's input is not a message: ${parsed.error.issues[0]?.message}`, { retryable: false });
    const body = JSON.stringify(parsed.data.body ?? null);
    if (Buffer.byteLength(body) > WEBHOOK_MAX_BODY_BYTES) {
      throw new StepError(`The webhook body is ${Math.ceil(Buffer.byteLength(body) / 1024)} KB as JSON; Weft sends at most ${WEBHOOK_MAX_BODY_BYTES / 1024} KB.`, { retryable: false });
    }
    const { deps } = ctx;
    const id = deliveryId(ctx.idempotencyKey);
    let row = await addDelivery(deps, {
      id, workspaceId: ctx.instance.workspace_id, instanceId: ctx.instance.id, runId: ctx.runId, stepKey: ctx.stepKey, url: parsed.data.url, body,
    });
    // A re-run of a step whose message was refused is a person asking to send it again.
    if (row.status === 'dead') row = (await replayDelivery(deps, ctx.instance.id, id)) ?? row;
    const result = await tryDelivery(deps, id, { resolve: options.resolve, signal: ctx.signal });
    if (result) row = result.row;
    if (row.status === 'dead') throw new StepError(`The webhook was refused: ${row.last_error ?? 'no answer'} It is in the instance's dead-lettered webhooks, for replay once the receiver is fixed.`, { retryable: false });
    return output(row);
  };
}

export const runWebhookStep = createWebhookStep();

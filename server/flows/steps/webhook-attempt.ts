import type { AppDeps } from '../../app-context';
import { requestedWaitMs } from '../../providers/retry-policy';
import { answerWords } from './answer-words';
import { OutboundError, pinnedRequest, type Resolver } from './pinned-request';
import { signingSecrets } from './signing-secrets';
import { claimTry, isHeld, scheduleTry, type DeliveryRow } from './webhook-outbox';
import { nextAttemptMs } from './webhook-retry';
import { signedHeaders } from './webhook-signing';

/** One try, from the first byte sent to the last byte of the answer read. */
export const WEBHOOK_TIMEOUT_MS = 15_000;
/** Of a receiver's answer only the status and a few words are kept. */
const ANSWER_READ_BYTES = 4096;

export interface TryOptions {
  resolve?: Resolver;
  nowMs?: number;
  random?: () => number;
  signal?: AbortSignal;
}

/** What a try ended with: the row as it now stands, and whether this call made the try. */
export interface TryResult {
  tried: boolean;
  row: DeliveryRow;
}

type Outcome = { delivered: true; status: number } | { delivered: false; retryable: boolean; status: number | null; error: string; retryAfterMs?: number };

/**
 * Which answers are worth another try: none (network failure, timeout), 408, 429 and 5xx,
 * as the receiver may be restarting or busy. A 2xx delivers. Anything else (3xx, which
 * Standard Webhooks says not to follow, and other 4xx) is the receiver refusing the
 * message, which three days of retries would not change: dead at once, for a person to
 * look at and replay. A refused address (private, without WEFT_ALLOW_PRIVATE_HTTP) too.
 */
async function send(deps: AppDeps, row: DeliveryRow, secrets: string[], options: TryOptions): Promise<Outcome> {
  let url: URL;
  try {
    url = new URL(row.url);
  } catch {
    return { delivered: false, retryable: false, status: null, error: `"${row.url.slice(0, 200)}" is not a URL.` };
  }
  const headers = { 'content-type': 'application/json', 'user-agent': 'Weft-Webhooks', ...signedHeaders(secrets, row.id, new Date(options.nowMs ?? Date.now()), row.body) };
  try {
    const answer = await pinnedRequest(
      { method: 'POST', url, headers, body: row.body },
      { allowPrivate: deps.config.allowPrivateHttp, timeoutMs: WEBHOOK_TIMEOUT_MS, maxBytes: ANSWER_READ_BYTES, truncate: true, resolve: options.resolve, signal: options.signal },
    );
    if (answer.status >= 200 && answer.status < 300) return { delivered: true, status: answer.status };
    const words = answerWords(answer.body.toString('utf8'), 200);
    const error = `${url.host} answered ${answer.status}${words ? `: ${words}` : ''}.`;
    const retryable = answer.status === 408 || answer.status === 429 || answer.status >= 500;
    return { delivered: false, retryable, status: answer.status, error, retryAfterMs: retryable ? requestedWaitMs(answer.headers, answer.status === 429) : undefined };
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    return { delivered: false, retryable: error.kind !== 'refused', status: null, error: error.message };
  }
}

/**
 * Makes the next try of a delivery if it is due and nobody else is making it (the claim),
 * then records the outcome: delivered, the next try scheduled (row and job in one
 * transaction), or dead. A delivery that is not due is left alone (`tried: false`).
 */
export async function tryDelivery(deps: AppDeps, id: string, options: TryOptions = {}): Promise<TryResult | undefined> {
  const nowMs = options.nowMs ?? Date.now();
  const read = () => deps.db.selectFrom('flow_webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!(await claimTry(deps.db, id, nowMs))) {
    const row = await read();
    return row && { tried: false, row };
  }
  const row = await read();
  const instance = row && (await deps.db.selectFrom('flow_instances').select(['id', 'signing_secret', 'previous_signing_secrets']).where('id', '=', row.instance_id).executeTakeFirst());
  if (!row || !instance) return undefined;
  const outcome = await send(deps, row, signingSecrets(deps.vault, instance, nowMs), options);
  const attempts = row.attempts + 1;
  const doneAt = new Date(options.nowMs ?? Date.now()).toISOString();
  await deps.store.transaction(async (trx) => {
    const update = trx.updateTable('flow_webhook_deliveries').where('id', '=', id).where('status', '=', 'pending');
    if (outcome.delivered) {
      await update.set({ status: 'delivered', attempts, last_status: outcome.status, last_error: null, finished_at: doneAt }).execute();
      return;
    }
    const next = outcome.retryable
      ? nextAttemptMs({ attempts, firstAttemptMs: row.first_attempt_ms, nowMs, retryAfterMs: outcome.retryAfterMs, random: options.random })
      : undefined;
    const failed = { attempts, last_status: outcome.status, last_error: outcome.error.slice(0, 500) };
    if (next === undefined) {
      await update.set({ ...failed, status: 'dead', finished_at: doneAt }).execute();
      return;
    }
    await update.set({ ...failed, next_attempt_ms: next }).execute();
    await scheduleTry(deps, trx, id, next);
  });
  if (!outcome.delivered && !outcome.retryable) deps.log.warn('An outbound webhook was refused; it is dead-lettered for replay.', { deliveryId: id, instanceId: row.instance_id, status: outcome.status });
  return { tried: true, row: (await read())! };
}

/**
 * The delivery job: makes the try that is due, or, when the row's next try is later than
 * this job (a retry scheduled after it was enqueued), puts a job in line for that time.
 * A delivery whose instance is disabled is held (no try, no job); one whose instance was
 * deleted is gone with it.
 */
export async function runDeliveryJob(deps: AppDeps, id: string, options: TryOptions = {}): Promise<void> {
  const result = await tryDelivery(deps, id, options);
  if (!result || result.tried || result.row.status !== 'pending') return;
  // Held while its instance is disabled: enabling it puts the delivery back in line.
  if (await isHeld(deps.db, result.row.instance_id)) return;
  await scheduleTry(deps, deps.db, id, result.row.next_attempt_ms);
}

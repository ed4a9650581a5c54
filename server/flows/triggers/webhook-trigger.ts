import type { Context } from 'hono';
import type { FlowWebhookReceipt } from '../../../shared/protocol/flow-webhooks';
import type { AppDeps } from '../../app-context';
import { verifyStandardWebhook } from '../../hooks/standard-webhooks';
import { refuseWebhook } from '../../hooks/refuse';
import { preview } from '../../hooks/to-record';
import { HttpError } from '../../lib/http-error';
import { parseBoundedJson } from '../../lib/json-depth';
import { fireTrigger } from '../runner/fire-trigger';
import { signingSecrets } from '../steps/signing-secrets';
import { instanceDocument } from './schedule-ticks';

/** Dedupe keys (a sender's `webhook-id` or `Idempotency-Key`) longer than this are refused. */
const MAX_DEDUPE_KEY = 200;

/** One answer for an unknown token, an unknown flow and a flow without a webhook trigger: the URL reveals nothing. */
const unknownUrl = () => new HttpError(404, 'not_found', 'No flow takes webhooks at this URL. Copy the URL again from the instance in Weft.');

/**
 * `POST /hooks/flows/<webhook_token>/<flowId>`: a flow's webhook trigger. The token is the
 * URL's secret (one per instance); a trigger with `signed: true` also checks a Standard
 * Webhooks signature made with any of the instance's signing secrets (during a rotation,
 * the old one too). The body must be JSON, within the hooks' 1 MiB and the JSON depth
 * bound. A `webhook-id` (or `Idempotency-Key`) dedupes: a sender's retry gets the run its
 * first try started. The 2xx comes after the run, or the record of why the flow did not
 * run (its `if`), is committed; nothing is acknowledged that a crash could lose.
 */
export async function handleFlowHook(c: Context, deps: AppDeps) {
  const token = c.req.param('token') ?? '';
  const flowId = c.req.param('flowId') ?? '';
  const found = await deps.db.selectFrom('flow_instances').select(['id', 'signing_secret', 'previous_signing_secrets']).where('webhook_token', '=', token).executeTakeFirst();
  const instance = found && (await instanceDocument(deps.db, found.id));
  const flow = instance?.document.flows.find((f) => f.id === flowId);
  if (!found || !instance || !flow || flow.trigger.type !== 'webhook') throw unknownUrl();
  if (instance.status !== 'active') {
    throw new HttpError(409, 'conflict', `This flow's instance is ${instance.status}: it takes no webhooks until it is enabled again in Weft. Nothing was stored.`);
  }

  const rawBody = await c.req.text();
  const base = { provider: 'flow', endpointId: `${instance.id}:${flow.id}`, eventType: `flow.${flow.id}`, workspaceIds: [instance.workspace_id], bodyPreview: preview(rawBody).slice(0, 200) };
  const reject = (status: 400 | 401, code: 'invalid_signature' | 'invalid_json' | 'invalid_request', message: string) => refuseWebhook(c, deps, base, { status, code, message });
  const headers = { id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') };
  if (flow.trigger.signed) {
    const verdicts = signingSecrets(deps.vault, found).map((secret) => verifyStandardWebhook({ secret, rawBody, headers, nowMs: Date.now() }));
    const refused = verdicts.every((v) => !v.ok) ? verdicts[0] : undefined;
    if (refused && !refused.ok) return reject(401, 'invalid_signature', inFlowWords(refused.message));
  }
  const json = parseBoundedJson(rawBody);
  if (!json.ok) return reject(400, json.code, json.message);
  const key = headers.id ?? c.req.header('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > MAX_DEDUPE_KEY)) return reject(400, 'invalid_request', `webhook-id must be 1 to ${MAX_DEDUPE_KEY} characters.`);

  const result = await fireTrigger(deps, { instanceId: instance.id, flowId: flow.id, triggerType: 'webhook', data: json.value, ...(key ? { dedupeKey: `webhook:${key}` } : {}) });
  if ('duplicate' in result) return c.json({ duplicate: true, run: result.duplicate } satisfies FlowWebhookReceipt, 200);
  if ('filtered' in result) return c.json({ filtered: result.filtered } satisfies FlowWebhookReceipt, 202);
  return c.json({ run: result.runId } satisfies FlowWebhookReceipt, 202);
}

/** The verifier speaks of custom endpoints; a flow's sender signs with the instance's secret. */
const inFlowWords = (message: string) =>
  message
    .replace("this endpoint's secret", "the instance's signing secret")
    .replace('Use the whsec_… secret shown when this endpoint was created.', 'Sign with the whsec_… secret shown when the instance was deployed (or its latest rotation).');

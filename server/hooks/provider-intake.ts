import type { Context } from 'hono';
import type { AppDeps } from '../app-context';
import { HttpError } from '../lib/http-error';
import { parseSignedJson } from '../lib/json-depth';
import { WebhookPayloadError, type ProviderWebhooks } from './intake-types';
import { refuseWebhook } from './refuse';
import type { WebhookRouter } from './routing';
import { preview, routedRecord } from './to-record';

/** The headers parsing needs again on replay. */
const KEPT_HEADERS = ['x-github-event', 'x-github-delivery'];

/**
 * `POST /hooks/:provider`: verify the signature on the raw bytes, parse, dedupe, route,
 * append — and answer 2xx only once the events are durable. A rejected request writes
 * no event, and a "rejected" line in the delivery log within the caps of rejections.ts.
 */
export async function handleProviderHook(c: Context, deps: AppDeps, router: WebhookRouter, hooks: ProviderWebhooks) {
  const secret = hooks.secret(deps.config);
  if (!secret) {
    throw new HttpError(503, 'not_configured', `${hooks.provider} webhooks are not configured on this server: set ${hooks.secretEnv}.`);
  }
  const rawBody = await c.req.text();
  const header = (name: string) => c.req.header(name);
  const url = new URL(c.req.url);
  const reject = (status: 400 | 401, code: 'invalid_signature' | 'invalid_json' | 'invalid_request', message: string) =>
    refuseWebhook(c, deps, {
      provider: hooks.provider, endpointId: null, eventType: header('x-github-event')?.slice(0, 100) ?? 'unknown',
      workspaceIds: [], bodyPreview: preview(rawBody).slice(0, 200),
    }, { status, code, message });

  const verdict = await hooks.verify({
    secret, rawBody, header, method: c.req.method, nowMs: Date.now(),
    publicUri: `${deps.config.publicUrl}${url.pathname}${url.search}`,
  });
  if (!verdict.ok) return reject(401, 'invalid_signature', verdict.message);

  // Verified first: only the provider, who holds the secret, gets this far.
  const json = parseSignedJson(rawBody);
  if (!json.ok) return reject(400, json.code, json.message);
  let parsed;
  try {
    parsed = hooks.parse(json.value, header);
  } catch (error) {
    if (error instanceof WebhookPayloadError) return reject(400, 'invalid_request', error.message);
    throw error;
  }
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((h) => (header(h) ? [[h, header(h)!]] : [])));
  const result = await deps.events.record(await routedRecord(router, hooks.provider, parsed, rawBody, headers));
  if (parsed.reply !== undefined) return c.json(parsed.reply, 200);
  if (result.status === 'duplicate') return c.json({ duplicate: true, delivery: result.deliveryId }, 200);
  return c.json({ status: result.status, delivery: result.deliveryId, events: result.events.length }, 202);
}

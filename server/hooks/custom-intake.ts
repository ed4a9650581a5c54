import type { Context } from 'hono';
import type { AppDeps } from '../app-context';
import { notFound } from '../lib/http-error';
import { parseBoundedJson } from '../lib/json-depth';
import { asObject, oneLine, safeUrl, str } from './summary-helpers';
import { openEndpointSecret } from './endpoints';
import { verifyStandardWebhook } from './standard-webhooks';
import { refuseWebhook } from './refuse';
import { preview } from './to-record';

/**
 * `POST /hooks/custom/:id`: any JSON, from anything that can send a webhook. Signed
 * endpoints check Standard Webhooks headers (5-minute tolerance) and dedupe on
 * `webhook-id`; unsigned ones dedupe on `webhook-id` or `Idempotency-Key` when sent.
 */
export async function handleCustomHook(c: Context, deps: AppDeps) {
  const id = c.req.param('id') ?? '';
  const row = await deps.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('This webhook endpoint');
  const rawBody = await c.req.text();
  const base = { provider: 'custom', endpointId: row.id, eventType: `custom.${row.id}`, workspaceIds: [row.workspace_id] };
  const reject = (status: 400 | 401, code: 'invalid_signature' | 'invalid_json' | 'invalid_request', message: string) =>
    refuseWebhook(c, deps, { ...base, bodyPreview: preview(rawBody).slice(0, 200) }, { status, code, message });

  const secret = openEndpointSecret(deps.vault, row);
  if (secret) {
    const verdict = verifyStandardWebhook({
      secret, rawBody, nowMs: Date.now(),
      headers: { id: c.req.header('webhook-id'), timestamp: c.req.header('webhook-timestamp'), signature: c.req.header('webhook-signature') },
    });
    if (!verdict.ok) return reject(401, 'invalid_signature', verdict.message);
  }
  const json = parseBoundedJson(rawBody);
  if (!json.ok) return reject(400, json.code, json.message);
  const payload = json.value;
  const p = asObject(payload);
  const what = str(p.title) ?? str(p.event) ?? str(p.type) ?? 'webhook received';
  const key = c.req.header('webhook-id') ?? c.req.header('idempotency-key') ?? null;
  const result = await deps.events.record({
    ...base, status: 'accepted', reason: null, bodyPreview: preview(rawBody), body: rawBody, bodyDepthChecked: true,
    headers: key ? { 'webhook-id': key } : {},
    items: [{
      key: key ? `${row.id}:${key}` : null,
      events: [{
        workspaceId: row.workspace_id, connectionId: null, type: `custom.${row.id}`, provider: 'custom', payload, payloadIsBody: true,
        summary: { title: `${row.name}: ${oneLine(what, 120)}`, url: safeUrl(p.url), actor: str(p.actor) ?? str(p.user), assignees: [], mentions: [], subject: null },
      }],
    }],
  });
  if (result.status === 'duplicate') return c.json({ duplicate: true, delivery: result.deliveryId }, 200);
  return c.json({ status: result.status, delivery: result.deliveryId, events: result.events.length }, 202);
}

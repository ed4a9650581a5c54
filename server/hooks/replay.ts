import type { AppDeps } from '../app-context';
import type { IntakeRecord } from '../events/event-log';
import { HttpError } from '../lib/http-error';
import { parseBoundedJson } from '../lib/json-depth';
import type { DeliveryRow } from './delivery-log';
import { WebhookPayloadError } from './intake-types';
import { webhookProviders } from './routes';
import type { WebhookRouter } from './routing';
import { routedRecord } from './to-record';

/**
 * Re-dispatches a stored delivery as new events, to the replaying user's workspaces
 * only (another tenant must not receive events because someone else pressed Replay).
 * Replays skip dedupe on purpose: receiving it again is the point.
 */
export async function replayDelivery(deps: AppDeps, router: WebhookRouter, row: DeliveryRow, workspaces: ReadonlySet<string>) {
  // Bodies stored before intake bounded JSON depth may be nested too deep to send again.
  const json = parseBoundedJson(row.body!, 'This delivery’s body');
  if (!json.ok) throw new HttpError(400, 'invalid_request', `${json.message} It cannot be replayed.`);
  const body = json.value;
  const headers = JSON.parse(row.headers) as Record<string, string>;
  let record: IntakeRecord;
  if (row.provider === 'custom') {
    // A custom delivery has exactly one owner: the endpoint's workspace, kept on its event.
    const original = await deps.db
      .selectFrom('events').select(['workspace_id', 'type', 'summary']).where('delivery_id', '=', row.id).limit(1).executeTakeFirst();
    const owner = original && workspaces.has(original.workspace_id) ? original : undefined;
    record = {
      provider: 'custom', endpointId: row.endpoint_id, eventType: row.event_type, status: 'accepted', reason: null,
      workspaceIds: owner ? [owner.workspace_id] : [],
      bodyPreview: row.body_preview, body: row.body, bodyDepthChecked: true, headers,
      items: owner
        ? [{ key: null, events: [{ workspaceId: owner.workspace_id, connectionId: null, type: owner.type, provider: 'custom', summary: JSON.parse(owner.summary), payload: body, payloadIsBody: true }] }]
        : [],
    };
  } else {
    const hooks = webhookProviders.get(row.provider)!;
    let parsed;
    try {
      parsed = hooks.parse(body, (name) => headers[name.toLowerCase()]);
    } catch (error) {
      if (error instanceof WebhookPayloadError) throw new HttpError(400, 'invalid_request', `This delivery cannot be replayed: ${error.message}`);
      throw error;
    }
    record = await routedRecord(router, row.provider, parsed, row.body!, headers, workspaces);
    record.items = record.items.map((i) => ({ ...i, key: null }));
  }
  record.reason = `Replay of delivery #${row.id}`;
  return deps.events.record(record);
}

import type { IntakeRecord } from '../events/event-log';
import type { InboundItem, ParsedWebhook } from './intake-types';
import type { WebhookRouter } from './routing';

/** What the delivery log keeps of a body: its start, as text. */
export const preview = (rawBody: string) => rawBody.slice(0, 500);

/**
 * Turns a parsed, verified webhook into what the event log writes: one event per
 * (item, owning workspace). Items no connection claims are dropped; if none is claimed
 * the delivery is "unrouted" and kept (with its body) in the log. Items addressed alike (a
 * HubSpot batch from one portal) are routed with one lookup.
 */
export async function routedRecord(
  router: WebhookRouter,
  provider: string,
  parsed: ParsedWebhook,
  rawBody: string,
  headers: Record<string, string>,
  onlyWorkspaces?: ReadonlySet<string>,
): Promise<IntakeRecord> {
  const lookups = new Map<string, Promise<Map<string, string>>>();
  const routeOf = (item: InboundItem) => {
    const key = JSON.stringify([item.route.accountIds, item.route.accountLabels]);
    let lookup = lookups.get(key);
    if (!lookup) lookups.set(key, (lookup = router.route(provider, item)));
    return lookup;
  };
  const routes = await Promise.all(parsed.items.map(routeOf));
  const workspaceIds = new Set<string>();
  const items = parsed.items.map((item, i) => {
    const owners = [...routes[i]!].filter(([w]) => !onlyWorkspaces || onlyWorkspaces.has(w));
    for (const [w] of owners) workspaceIds.add(w);
    return {
      key: item.key,
      events: owners.map(([workspaceId, connectionId]) => ({
        workspaceId, connectionId, type: item.type, provider, summary: item.summary, payload: item.payload, payloadIsBody: item.payloadIsBody,
      })),
    };
  });
  const routed = items.filter((i) => i.events.length > 0);
  return {
    provider,
    endpointId: null,
    eventType: parsed.eventType,
    status: routed.length > 0 || parsed.items.length === 0 ? 'accepted' : 'unrouted',
    reason: routed.length > 0 || parsed.items.length === 0 ? null : 'No connection matches this account.',
    workspaceIds: [...workspaceIds],
    bodyPreview: preview(rawBody),
    body: rawBody,
    // Both callers (provider intake, replay) parsed rawBody behind the depth bound first (json-depth.ts).
    bodyDepthChecked: true,
    headers,
    items: routed,
  };
}

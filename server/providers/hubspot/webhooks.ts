import type { EventSummary } from '../../../shared/protocol/events';
import { WebhookPayloadError, type ProviderWebhooks } from '../../hooks/intake-types';
import { asObject, str } from '../../hooks/summary-helpers';
import { verifyHubspotSignatureV3 } from './webhook-verifier';

/** HubSpot object type ids, used in record URLs. */
const objectTypeIds = new Map([['contact', '0-1'], ['company', '0-2'], ['deal', '0-3'], ['ticket', '0-5']]);

function summarizeHubspot(e: Record<string, any>, object: string, change: string): EventSummary {
  const id = str(e.objectId) ?? '?';
  const portal = str(e.portalId);
  const typeId = objectTypeIds.get(object);
  const url = portal && typeId && /^\d+$/.test(id) ? `https://app.hubspot.com/contacts/${portal}/record/${typeId}/${id}` : null;
  const label = `${object.charAt(0).toUpperCase()}${object.slice(1)} ${id}`;
  const what =
    change === 'propertyChange'
      ? `${str(e.propertyName) ?? 'a property'} → ${str(e.propertyValue) ?? '(empty)'}`
      : change === 'creation' ? 'created' : change === 'deletion' ? 'deleted' : change;
  const owner = e.propertyName === 'hubspot_owner_id' ? str(e.propertyValue) : null;
  return {
    title: `${label}: ${what}`,
    url,
    actor: str(e.changeSource),
    assignees: owner ? [owner] : [],
    mentions: [],
    subject: `hubspot:${object}:${id}`,
  };
}

/**
 * HubSpot webhooks (signature v3): a JSON array of events, each deduped on its eventId,
 * routed by portalId. The signature covers method + the URI HubSpot called + body +
 * timestamp, so the URI is rebuilt from WEFT_PUBLIC_URL, never from the Host header.
 * https://developers.hubspot.com/docs/api/webhooks
 */
export const hubspotWebhooks: ProviderWebhooks = {
  provider: 'hubspot',
  secretEnv: 'WEFT_HUBSPOT_CLIENT_SECRET',
  secret: (config) => config.webhookSecrets.hubspot,
  verify: ({ secret, rawBody, header, method, publicUri, nowMs }) =>
    verifyHubspotSignatureV3({
      clientSecret: secret, method, uri: publicUri, rawBody, nowMs,
      timestampHeader: header('x-hubspot-request-timestamp'),
      signatureHeader: header('x-hubspot-signature-v3'),
    }),
  parse(body) {
    if (!Array.isArray(body)) throw new WebhookPayloadError('HubSpot sends a JSON array of events.');
    const items = body.map((raw, i) => {
      const e = asObject(raw);
      const [object, change] = (str(e.subscriptionType) ?? '').split('.');
      if (!object || !change || e.eventId === undefined || e.portalId === undefined) {
        throw new WebhookPayloadError(`Event ${i} lacks subscriptionType, eventId or portalId.`);
      }
      return {
        key: `${str(e.portalId)}:${str(e.eventId)}`,
        type: `hubspot.${object}.${change}`,
        summary: summarizeHubspot(e, object, change),
        payload: e,
        route: { accountIds: [str(e.portalId)!], accountLabels: [] },
      };
    });
    const types = [...new Set(items.map((i) => i.type.replace(/^hubspot\./, '')))];
    return { eventType: types.join(',') || 'empty', items };
  },
};

import type { EventSummary } from '../../../shared/protocol/events';
import { WebhookPayloadError, type ProviderWebhooks } from '../../hooks/intake-types';
import { asObject, oneLine, str } from '../../hooks/summary-helpers';
import { verifySlackSignature } from './webhook-verifier';

function summarizeSlack(e: Record<string, any>): EventSummary {
  const type = str(e.type) ?? 'event';
  const text = typeof e.text === 'string' ? e.text : '';
  const mentions = [...text.matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!);
  const channel = str(e.channel);
  return {
    title: type === 'message' || type === 'app_mention' ? `Slack ${type === 'app_mention' ? 'mention' : 'message'}${channel ? ` in ${channel}` : ''}: ${oneLine(text, 120)}` : `Slack ${type}`,
    url: null,
    actor: str(e.user),
    assignees: [],
    mentions,
    subject: channel && str(e.ts) ? `slack:${channel}:${str(e.ts)}` : null,
  };
}

/**
 * Slack Events API: signed with the app's signing secret (v0, 5-minute window), answers
 * `url_verification` with its challenge, dedupes on `event_id` (Slack retries up to 3
 * times), routed by `team_id`.
 * https://api.slack.com/apis/events-api
 */
export const slackWebhooks: ProviderWebhooks = {
  provider: 'slack',
  secretEnv: 'WEFT_SLACK_SIGNING_SECRET',
  secret: (config) => config.webhookSecrets.slack,
  verify: ({ secret, rawBody, header, nowMs }) =>
    verifySlackSignature({
      signingSecret: secret, rawBody, nowMs,
      timestampHeader: header('x-slack-request-timestamp'),
      signatureHeader: header('x-slack-signature'),
    }),
  parse(body) {
    const p = asObject(body);
    if (p.type === 'url_verification') {
      if (typeof p.challenge !== 'string') throw new WebhookPayloadError('url_verification without a challenge.');
      return { eventType: 'url_verification', items: [], reply: { challenge: p.challenge } };
    }
    if (p.type !== 'event_callback') throw new WebhookPayloadError(`Unsupported Slack payload type ${JSON.stringify(str(p.type) ?? typeof p.type).slice(0, 40)}.`);
    const event = asObject(p.event);
    const eventId = str(p.event_id);
    const team = str(p.team_id);
    if (!eventId || !team || !str(event.type)) throw new WebhookPayloadError('event_callback lacks event_id, team_id or event.type.');
    return {
      eventType: `event_callback.${str(event.type)}`,
      items: [{ key: eventId, type: `slack.${str(event.type)}`, summary: summarizeSlack(event), payload: body, payloadIsBody: true, route: { accountIds: [team], accountLabels: [] } }],
    };
  },
};

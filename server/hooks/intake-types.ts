import type { EventSummary } from '../../shared/protocol/events';
import type { Config } from '../config';
import type { VerifyResult } from './verify-result';

/** One thing that happened, as a provider's webhook told it, before routing. */
export interface InboundItem {
  /** The provider's dedupe key for this item (delivery GUID, eventId, event_id). */
  key: string | null;
  type: string;
  summary: EventSummary;
  payload: unknown;
  /** True when `payload` is the whole request body (stored once, not twice). */
  payloadIsBody?: boolean;
  /** What routing matches on: account ids and logins the item belongs to. */
  route: { accountIds: string[]; accountLabels: string[] };
}

export interface ParsedWebhook {
  /** For the delivery log: `issues.opened`, `deal.propertyChange`, `event_callback`… */
  eventType: string;
  items: InboundItem[];
  /** Answered at once with no event (GitHub `ping`, Slack `url_verification`). */
  reply?: unknown;
}

export interface VerifyInput {
  secret: string;
  rawBody: string;
  header: (name: string) => string | undefined;
  /** The URL as the provider called it (public URL + path + query). */
  publicUri: string;
  method: string;
  nowMs: number;
}

/** A provider's webhook knowledge; implemented in `server/providers/<id>/webhooks.ts`. */
export interface ProviderWebhooks {
  provider: string;
  /** The env var that holds the secret, named in the 503 when it is missing. */
  secretEnv: string;
  secret(config: Config): string | undefined;
  verify(input: VerifyInput): Promise<VerifyResult> | VerifyResult;
  /** Throws WebhookPayloadError for a body that is JSON but not the provider's shape. */
  parse(body: unknown, header: (name: string) => string | undefined): ParsedWebhook;
}

export class WebhookPayloadError extends Error {
  override name = 'WebhookPayloadError';
}

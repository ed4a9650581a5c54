import { z } from 'zod';

/**
 * What every browser learns arrives as an event with a monotonically increasing id. A
 * client keeps the last id it applied (its cursor) and asks for what comes after it;
 * events are idempotent upserts keyed by id, so applying one twice changes nothing.
 */
export const eventSummarySchema = z.object({
  /** One line for a notification or the activity list. */
  title: z.string(),
  url: z.string().nullable(),
  /** Who did it, as the provider names them (a GitHub login, a HubSpot user id…). */
  actor: z.string().nullable(),
  /**
   * What notification rules match on: people the event is about. GitHub: assignees and
   * @mentions (logins); HubSpot: the record owner's id, when the payload names it.
   */
  assignees: z.array(z.string()).default([]),
  mentions: z.array(z.string()).default([]),
  /** The record this is about, for cache upserts: `github:issue:owner/repo#12`, `hubspot:deal:123`. */
  subject: z.string().nullable().default(null),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const weftEventSchema = z.object({
  id: z.number().int().positive(),
  /** `github.issues.opened`, `hubspot.deal.propertyChange`, `slack.message`, `custom.<endpoint>`, `connection.updated`, `action.completed`… */
  type: z.string(),
  provider: z.string(),
  workspaceId: z.string(),
  connectionId: z.string().nullable(),
  /** The delivery that produced it (null for events Weft made itself). */
  deliveryId: z.number().int().nullable(),
  summary: eventSummarySchema,
  payload: z.unknown(),
  createdAt: z.string(),
});
export type WeftEvent = z.infer<typeof weftEventSchema>;

export type EventsPage = { events: WeftEvent[]; /** The id to pass as `after` next time. */ cursor: number };

/** WebSocket `/api/events/ws`: what a client sends. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  /** First message: who you are and the last id you have. */
  z.object({ type: z.literal('hello'), token: z.string(), cursor: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** What the server sends on the WebSocket. */
export type ServerMessage =
  | { type: 'ready'; user: { id: string; email: string }; cursor: number }
  | { type: 'event'; event: WeftEvent }
  | { type: 'ping' }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };

export const deliveryStatuses = ['accepted', 'duplicate', 'rejected', 'unrouted'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export type Delivery = {
  id: number;
  provider: string;
  endpointId: string | null;
  eventType: string;
  status: DeliveryStatus;
  reason: string | null;
  receivedAt: string;
  /** The first 500 characters of the body, as text. */
  bodyPreview: string;
  eventCount: number;
};
export type DeliveriesResponse = {
  deliveries: Delivery[];
  /**
   * Refused requests to the caller's endpoints in the last 24 hours that have no row above
   * (past the hourly cap per endpoint, or from a throttled address): only counted. Null
   * when there are none or the status filter excludes rejected ones.
   */
  rejectedNotLogged?: { count: number; message: string } | null;
};

/** A custom webhook endpoint: `POST /hooks/custom/:id`. */
export const createWebhookEndpointSchema = z.object({
  name: z.string().trim().min(1, 'Give it a name.').max(80),
  /** Standard Webhooks signatures, or none (only the unguessable URL protects it). */
  signed: z.boolean().default(true),
});
export type WebhookEndpoint = { id: string; name: string; url: string; signed: boolean; createdAt: string };
/** Only the answer to creation carries the secret: it is shown once. */
export type CreatedWebhookEndpoint = WebhookEndpoint & { secret: string | null };

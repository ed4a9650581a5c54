import { z } from 'zod';
import {
  authResponseSchema,
  connectionSchema,
  createWebhookEndpointSchema,
  deliveryStatuses,
  meResponseSchema,
  providersResponseSchema,
  weftEventSchema,
  type AuthorizeRequest,
  type AuthorizeResponse,
  type ConnectionResponse,
  type ConnectionsResponse,
  type CreateConnectionRequest,
  type CreatedWebhookEndpoint,
  type Credentials,
  type DeleteConnectionResponse,
  type DeliveriesResponse,
  type Delivery,
  type DeliveryStatus,
  type EventsPage,
  type TestConnectionResponse,
  type UpdateConnectionRequest,
  type WebhookEndpoint,
} from '@@/shared/protocol';
import { request } from './http';

// Envelopes the contract has types but no schemas for. Each is annotated with the
// contract's type, so a change in shared/protocol fails the typecheck here.
const connectionsResponse: z.ZodType<ConnectionsResponse> = z.object({ connections: z.array(connectionSchema) });
const connectionResponse: z.ZodType<ConnectionResponse> = z.object({ connection: connectionSchema });
const testResponse: z.ZodType<TestConnectionResponse> = z.object({
  ok: z.boolean(),
  message: z.string(),
  connection: connectionSchema,
});
const deleteResponse: z.ZodType<DeleteConnectionResponse> = z.object({
  deleted: z.literal(true),
  revoked: z.boolean(),
  message: z.string(),
});
const authorizeResponse: z.ZodType<AuthorizeResponse> = z.object({ url: z.string().url() });

const eventsPage: z.ZodType<EventsPage> = z.object({ events: z.array(weftEventSchema), cursor: z.number().int().min(0) });
const deliverySchema: z.ZodType<Delivery> = z.object({
  id: z.number().int(),
  provider: z.string(),
  endpointId: z.string().nullable(),
  eventType: z.string(),
  status: z.enum(deliveryStatuses),
  reason: z.string().nullable(),
  receivedAt: z.string(),
  bodyPreview: z.string(),
  eventCount: z.number().int(),
});
const deliveriesResponse: z.ZodType<DeliveriesResponse> = z.object({
  deliveries: z.array(deliverySchema),
  rejectedNotLogged: z.object({ count: z.number().int(), message: z.string() }).nullable().optional(),
});
/** `POST /api/deliveries/:id/replay`: the delivery as it is now, and how many events the replay made. */
export type ReplayDeliveryResponse = { delivery: Delivery; events: number };
const replayResponse: z.ZodType<ReplayDeliveryResponse> = z.object({ delivery: deliverySchema, events: z.number().int() });
const webhookEndpointSchema = z.object({ id: z.string(), name: z.string(), url: z.string(), signed: z.boolean(), createdAt: z.string() });
export type WebhookEndpointsResponse = { endpoints: WebhookEndpoint[] };
const webhooksResponse: z.ZodType<WebhookEndpointsResponse> = z.object({ endpoints: z.array(webhookEndpointSchema) });
const createdWebhookResponse: z.ZodType<CreatedWebhookEndpoint> = webhookEndpointSchema.extend({ secret: z.string().nullable() });
const deletedResponse = z.object({ deleted: z.literal(true) });

/** `POST /api/actions/:provider/:action`: which connection ran it, and the provider's answer. */
export type ActionResponse = { connectionId: string; result: unknown };
const actionResponse: z.ZodType<ActionResponse> = z.object({ connectionId: z.string(), result: z.unknown() });
export type ActionCall = { provider: string; action: string; input: unknown; connectionId?: string; idempotencyKey?: string };

export type DeliveryFilter = { provider?: string; status?: DeliveryStatus; limit?: number };
export type CreateWebhookRequest = z.input<typeof createWebhookEndpointSchema>;

const authed = { authed: true } as const;

/** The Weft server's HTTP API, one function per route (see shared/protocol). */
export const api = {
  signUp: (body: Credentials) => request('/api/auth/signup', authResponseSchema, { method: 'POST', body }),
  signIn: (body: Credentials) => request('/api/auth/signin', authResponseSchema, { method: 'POST', body }),
  signOut: () => request('/api/auth/signout', z.unknown(), { method: 'POST', ...authed }),
  me: () => request('/api/auth/me', meResponseSchema, authed),

  providers: () => request('/api/providers', providersResponseSchema, authed),

  connections: () => request('/api/connections', connectionsResponse, authed),
  createConnection: (body: CreateConnectionRequest) =>
    request('/api/connections', connectionResponse, { method: 'POST', body, ...authed }),
  authorize: (provider: string, body: AuthorizeRequest) =>
    request(`/api/connections/${encodeURIComponent(provider)}/authorize`, authorizeResponse, {
      method: 'POST',
      body,
      ...authed,
    }),
  /** Stores the consent a result page holds; only the user who started the flow can. */
  claimGrant: (grant: string) =>
    request('/api/connections/claim', connectionResponse, { method: 'POST', body: { grant }, ...authed }),
  testConnection: (id: string) =>
    request(`/api/connections/${encodeURIComponent(id)}/test`, testResponse, { method: 'POST', ...authed }),
  updateConnection: (id: string, body: UpdateConnectionRequest) =>
    request(`/api/connections/${encodeURIComponent(id)}`, connectionResponse, { method: 'PATCH', body, ...authed }),
  deleteConnection: (id: string) =>
    request(`/api/connections/${encodeURIComponent(id)}`, deleteResponse, { method: 'DELETE', ...authed }),

  /** Catch-up over HTTP: events with id > `after`, oldest first (`limit` ≤ 500). */
  events: (after: number, limit = 500) => request(`/api/events${query({ after, limit })}`, eventsPage, authed),

  /** Webhook deliveries, newest first. */
  deliveries: (filter: DeliveryFilter = {}) => request(`/api/deliveries${query(filter)}`, deliveriesResponse, authed),
  replayDelivery: (id: number) =>
    request(`/api/deliveries/${encodeURIComponent(id)}/replay`, replayResponse, { method: 'POST', ...authed }),

  webhooks: () => request('/api/webhooks', webhooksResponse, authed),
  /** The answer is the only time the signing secret is ever sent. */
  createWebhook: (body: CreateWebhookRequest) =>
    request('/api/webhooks', createdWebhookResponse, { method: 'POST', body, ...authed }),
  deleteWebhook: (id: string) =>
    request(`/api/webhooks/${encodeURIComponent(id)}`, deletedResponse, { method: 'DELETE', ...authed }),

  /** Runs a catalog action; writes go through the outbox, which sends an idempotency key. */
  action: ({ provider, action, input, connectionId, idempotencyKey }: ActionCall) =>
    request(`/api/actions/${encodeURIComponent(provider)}/${encodeURIComponent(action)}`, actionResponse, {
      method: 'POST',
      body: { input, ...(connectionId ? { connectionId } : {}) },
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
      ...authed,
    }),

  /** Any 2xx means the server is up; `baseUrl` lets the options page test before saving. */
  health: (baseUrl?: string) => request('/health', z.unknown(), { baseUrl }),
};

/** `?a=1&b=x` from the defined values, or '' when there are none. */
function query(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '');
  return defined.length ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)]))}` : '';
}

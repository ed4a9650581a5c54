import { z } from 'zod';
import {
  actionResponseSchema,
  authResponseSchema,
  authorizeResponseSchema,
  connectionResponseSchema,
  connectionsResponseSchema,
  createdWebhookEndpointSchema,
  createWebhookEndpointSchema,
  deleteConnectionResponseSchema,
  deliveriesResponseSchema,
  eventsPageSchema,
  healthResponseSchema,
  instancesResponseSchema,
  meResponseSchema,
  providersResponseSchema,
  replayDeliveryResponseSchema,
  signOutResponseSchema,
  testConnectionResponseSchema,
  webhookEndpointDeletedSchema,
  webhookEndpointsResponseSchema,
  type AuthorizeRequest,
  type CreateConnectionRequest,
  type Credentials,
  type DeliveryStatus,
  type UpdateConnectionRequest,
} from '@@/shared/protocol';
import { runStartedSchema } from '@@/shared/protocol/flow-runs';
import { request } from './http';

export type ActionCall = { provider: string; action: string; input: unknown; connectionId?: string; idempotencyKey?: string };

/** `before`: a page's `next`, for the page after it (older deliveries). */
export type DeliveryFilter = { provider?: string; status?: DeliveryStatus; before?: number; limit?: number };
export type CreateWebhookRequest = z.input<typeof createWebhookEndpointSchema>;

const authed = { authed: true } as const;

/** The Weft server's HTTP API, one function per route (see shared/protocol). */
export const api = {
  signUp: (body: Credentials) => request('/api/auth/signup', authResponseSchema, { method: 'POST', body }),
  signIn: (body: Credentials) => request('/api/auth/signin', authResponseSchema, { method: 'POST', body }),
  signOut: () => request('/api/auth/signout', signOutResponseSchema, { method: 'POST', ...authed }),
  me: () => request('/api/auth/me', meResponseSchema, authed),

  providers: () => request('/api/providers', providersResponseSchema, authed),

  connections: () => request('/api/connections', connectionsResponseSchema, authed),
  createConnection: (body: CreateConnectionRequest) =>
    request('/api/connections', connectionResponseSchema, { method: 'POST', body, ...authed }),
  authorize: (provider: string, body: AuthorizeRequest) =>
    request(`/api/connections/${encodeURIComponent(provider)}/authorize`, authorizeResponseSchema, {
      method: 'POST',
      body,
      ...authed,
    }),
  /** Stores the consent a result page holds; only the user who started the flow can. */
  claimGrant: (grant: string) =>
    request('/api/connections/claim', connectionResponseSchema, { method: 'POST', body: { grant }, ...authed }),
  testConnection: (id: string) =>
    request(`/api/connections/${encodeURIComponent(id)}/test`, testConnectionResponseSchema, { method: 'POST', ...authed }),
  updateConnection: (id: string, body: UpdateConnectionRequest) =>
    request(`/api/connections/${encodeURIComponent(id)}`, connectionResponseSchema, { method: 'PATCH', body, ...authed }),
  /** `force`: delete it though flows use it (they pause); without it such a delete is refused naming them (`connection_in_use`). */
  deleteConnection: (id: string, options: { force?: boolean } = {}) =>
    request(`/api/connections/${encodeURIComponent(id)}${options.force ? '?force=1' : ''}`, deleteConnectionResponseSchema, { method: 'DELETE', ...authed }),

  /** Catch-up over HTTP: events with id > `after`, oldest first (`limit` ≤ 500). */
  events: (after: number, limit = 500) => request(`/api/events${query({ after, limit })}`, eventsPageSchema, authed),

  /** One page of webhook deliveries, newest first; `next` asks for the older page after it. */
  deliveries: (filter: DeliveryFilter = {}) => request(`/api/deliveries${query(filter)}`, deliveriesResponseSchema, authed),
  replayDelivery: (id: number) =>
    request(`/api/deliveries/${encodeURIComponent(id)}/replay`, replayDeliveryResponseSchema, { method: 'POST', ...authed }),

  webhooks: () => request('/api/webhooks', webhookEndpointsResponseSchema, authed),
  /** The answer is the only time the signing secret is ever sent. */
  createWebhook: (body: CreateWebhookRequest) =>
    request('/api/webhooks', createdWebhookEndpointSchema, { method: 'POST', body, ...authed }),
  deleteWebhook: (id: string) =>
    request(`/api/webhooks/${encodeURIComponent(id)}`, webhookEndpointDeletedSchema, { method: 'DELETE', ...authed }),

  /**
   * Runs a catalog action; writes go through the outbox, which sends an idempotency key.
   * `output` is the action's catalog output schema, for callers that read the result.
   */
  action: <O extends z.ZodType = z.ZodUnknown>({ provider, action, input, connectionId, idempotencyKey }: ActionCall, output?: O) =>
    request(`/api/actions/${encodeURIComponent(provider)}/${encodeURIComponent(action)}`, actionResponseSchema((output ?? z.unknown()) as O), {
      method: 'POST',
      body: { input, ...(connectionId ? { connectionId } : {}) },
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
      ...authed,
    }),

  /** The caller's deployed integrations, each with its flows' triggers (the extension lists the manual ones). */
  instances: () => request('/api/instances', instancesResponseSchema, authed),

  /**
   * Starts a manual flow with `input` → `{run}`, or `{filtered}` when its trigger's `if`
   * said no. Sent through the outbox, whose key makes a resent request one run.
   */
  runFlow: (instanceId: string, flowId: string, input: unknown, idempotencyKey?: string) =>
    request(`/api/instances/${encodeURIComponent(instanceId)}/flows/${encodeURIComponent(flowId)}/run`, runStartedSchema, {
      method: 'POST',
      body: { input },
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
      ...authed,
    }),

  /** `{ok: true}` means a Weft server is up there; `baseUrl` lets the options page test before saving. */
  health: (baseUrl?: string) => request('/health', healthResponseSchema, { baseUrl }),
};

/** `?a=1&b=x` from the defined values, or '' when there are none. */
function query(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '');
  return defined.length ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)]))}` : '';
}

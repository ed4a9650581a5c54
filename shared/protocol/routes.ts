import { z } from 'zod';
import { findProvider } from '../providers';
import { actionResponseSchema } from './actions';
import { authResponseSchema, meResponseSchema, signOutResponseSchema } from './auth';
import {
  authorizeResponseSchema,
  connectionResponseSchema,
  connectionsResponseSchema,
  deleteConnectionResponseSchema,
  testConnectionResponseSchema,
} from './connections';
import { deliveriesResponseSchema, replayDeliveryResponseSchema } from './deliveries';
import { eventsPageSchema } from './events';
import { filteredPageSchema, flowRunDetailSchema, runsPageSchema, runStartedSchema } from './flow-runs';
import {
  instanceCreatedResponseSchema,
  instanceDeletedSchema,
  instanceResponseSchema,
  instancesResponseSchema,
  integrationDeletedSchema,
  integrationResponseSchema,
  integrationsResponseSchema,
  templateInstalledResponseSchema,
  templatesResponseSchema,
  versionResponseSchema,
} from './flows';
import { deadWebhooksResponseSchema, flowWebhookReceiptSchema, replayedWebhookSchema, rotatedSigningSecretSchema } from './flow-webhooks';
import { healthResponseSchema, readinessResponseSchema } from './health';
import { providersResponseSchema } from './providers';
import { createdWebhookEndpointSchema, webhookEndpointDeletedSchema, webhookEndpointsResponseSchema } from './webhook-endpoints';
import { webhookReceiptSchema } from './webhook-receipts';

/** A route's 2xx answer, by its path parameters (an action's answer depends on which action). */
type ResponseSchema = z.ZodType | ((params: Record<string, string>) => z.ZodType);

/**
 * The server's JSON routes (as Hono spells them) and the schema of each one's 2xx body.
 * Every error body, on any route, is `errorBodySchema`. The server's tests check every
 * answer they receive against this table, and a convention test checks that every route
 * the server registers is here or in `nonJsonRoutes`.
 */
export const apiResponses = {
  'GET /health': healthResponseSchema,
  'GET /health/ready': readinessResponseSchema,
  'POST /api/auth/signup': authResponseSchema,
  'POST /api/auth/signin': authResponseSchema,
  'POST /api/auth/signout': signOutResponseSchema,
  'GET /api/auth/me': meResponseSchema,
  'GET /api/providers': providersResponseSchema,
  'GET /api/connections': connectionsResponseSchema,
  'POST /api/connections': connectionResponseSchema,
  'POST /api/connections/claim': connectionResponseSchema,
  'POST /api/connections/:provider/authorize': authorizeResponseSchema,
  'POST /api/connections/:id/test': testConnectionResponseSchema,
  'PATCH /api/connections/:id': connectionResponseSchema,
  'DELETE /api/connections/:id': deleteConnectionResponseSchema,
  'GET /api/events': eventsPageSchema,
  'GET /api/deliveries': deliveriesResponseSchema,
  'POST /api/deliveries/:id/replay': replayDeliveryResponseSchema,
  'GET /api/webhooks': webhookEndpointsResponseSchema,
  'POST /api/webhooks': createdWebhookEndpointSchema,
  'DELETE /api/webhooks/:id': webhookEndpointDeletedSchema,
  'POST /api/actions/:provider/:action': ({ provider, action }) =>
    actionResponseSchema(findProvider(provider ?? '')?.actions?.[action ?? '']?.output ?? z.never()),
  'GET /api/runs': runsPageSchema,
  'GET /api/runs/filtered': filteredPageSchema,
  'GET /api/runs/:id': flowRunDetailSchema,
  'POST /api/runs/:id/rerun': runStartedSchema,
  'POST /api/instances/:id/flows/:flowId/run': runStartedSchema,
  'GET /api/integrations': integrationsResponseSchema,
  'POST /api/integrations': integrationResponseSchema,
  'GET /api/integrations/:id': integrationResponseSchema,
  'PUT /api/integrations/:id/draft': integrationResponseSchema,
  'POST /api/integrations/:id/fork': integrationResponseSchema,
  'DELETE /api/integrations/:id': integrationDeletedSchema,
  'POST /api/integrations/:id/versions': versionResponseSchema,
  /** With `accept: application/yaml`, the version's document as YAML text instead. */
  'GET /api/integrations/:id/versions/:n': versionResponseSchema,
  'PATCH /api/integrations/:id/versions/:n': versionResponseSchema,
  'GET /api/instances': instancesResponseSchema,
  'POST /api/instances': instanceCreatedResponseSchema,
  'PATCH /api/instances/:id': instanceResponseSchema,
  'DELETE /api/instances/:id': instanceDeletedSchema,
  'GET /api/templates': templatesResponseSchema,
  'POST /api/templates/:id/install': templateInstalledResponseSchema,
  'POST /api/instances/:id/signing-secret/rotate': rotatedSigningSecretSchema,
  'GET /api/instances/:id/webhooks/dead': deadWebhooksResponseSchema,
  'POST /api/instances/:id/webhooks/:webhookId/replay': replayedWebhookSchema,
  'POST /hooks/custom/:id': webhookReceiptSchema,
  'POST /hooks/flows/:token/:flowId': flowWebhookReceiptSchema,
  'POST /hooks/:provider': webhookReceiptSchema,
} satisfies Record<string, ResponseSchema>;

/** A route of `apiResponses`, as Hono spells it: `'GET /api/integrations/:id'`. */
export type ApiRoute = keyof typeof apiResponses;

/** The names of a route's path parameters: `'GET /api/integrations/:id/versions/:n'` → `'id' | 'n'`. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<`/${Rest}`> : P extends `${string}:${infer Name}` ? Name : never;
/** The values of a route's path parameters, by name. */
export type RouteParams<R extends string> = { [K in ParamNames<R>]: string | number };

/**
 * A route's method, its path with the parameters filled in (each URL-encoded, so an id
 * with a slash stays one segment), and its answer's schema: a client calls the server
 * through the same table the server's tests check it against, never a path spelled again.
 *
 * @example routeTo('GET /api/integrations/:id/versions/:n', { id: 'int 1', n: 2 })
 * // {method: 'GET', path: '/api/integrations/int%201/versions/2', schema: versionResponseSchema}
 */
export function routeTo<R extends ApiRoute>(route: R, params: RouteParams<R>): { method: string; path: string; schema: (typeof apiResponses)[R] } {
  const space = route.indexOf(' ');
  const values = params as Record<string, string | number>;
  const path = route.slice(space + 1).replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`${route}: no value for :${name}`);
    return encodeURIComponent(String(values[name]));
  });
  return { method: route.slice(0, space), path, schema: apiResponses[route] };
}

/**
 * Routes whose answer is not a JSON body, and where their contract is instead. Push
 * messages (WebSocket frames, SSE `weft` events) are `serverMessageSchema`.
 */
export const nonJsonRoutes: Record<string, string> = {
  'GET /api/events/ws': 'a WebSocket: frames are serverMessageSchema',
  'GET /api/events/stream': 'Server-Sent Events: each `weft` event is serverMessageSchema',
  'GET /oauth/result': 'an HTML page for people',
  'GET /oauth/:provider/callback': 'a redirect to /oauth/result',
};

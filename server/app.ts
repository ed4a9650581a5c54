import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { authRoutes } from './accounts/routes';
import type { AppDeps, AppEnv } from './app-context';
import { connectionRoutes } from './connections/routes';
import { oauthRoutes } from './connections/oauth-routes';
import { HttpError } from './lib/http-error';
import { htmlSecurityHeaders } from './lib/html-security-headers';
import { providerRoutes } from './providers/routes';
import { eventRoutes } from './events/routes';
import { eventsWebSocket } from './events/ws';
import { deliveryRoutes } from './hooks/delivery-routes';
import { endpointRoutes } from './hooks/endpoint-routes';
import { hookRoutes } from './hooks/routes';
import { actionRoutes } from './actions/routes';
import { flowWebhookRoutes } from './flows/steps/webhook-routes';
import { WebhookRouter } from './hooks/routing';
import { isDatabaseUnavailable } from './store/database-unavailable';
import { readinessRoute } from './readiness';
import { manualRunRoutes, runRoutes } from './flows/runner/routes';
import { integrationRoutes } from './flows/integrations/routes';
import { instanceRoutes } from './flows/instances/routes';
import { templateRoutes } from './flows/templates/routes';
import { LIMITS } from '../shared/flows/document';

/** Browsers may call the API only from the extension's own pages and worker. */
const extensionOrigin = (origin: string) =>
  /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i.test(origin) ? origin : null;

/** Where an integration document is uploaded: allowed the document's own size limit instead of the API's 64 KiB. */
const documentUpload = (method: string, path: string) =>
  (method === 'POST' && /^\/api\/integrations\/?$/.test(path)) || (method === 'PUT' && /^\/api\/integrations\/[^/]+\/draft\/?$/.test(path));

const tooLarge = (bytes: number) => () => {
  throw new HttpError(413, 'invalid_request', `The request body is too large (${bytes / 1024} KiB at most).`);
};
const apiBodyLimit = bodyLimit({ maxSize: 64 * 1024, onError: tooLarge(64 * 1024) });
const documentBodyLimit = bodyLimit({ maxSize: LIMITS.documentBytes, onError: tooLarge(LIMITS.documentBytes) });

const DATABASE_UNAVAILABLE = 'Weft cannot reach its database right now, so this request was not completed. Try again in a few seconds.';

/** The whole HTTP surface, composed in one place. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    // Path only: query strings can carry OAuth codes and states.
    deps.log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });
  app.use(htmlSecurityHeaders);
  const extensionCors = cors({ origin: extensionOrigin, allowHeaders: ['authorization', 'content-type', 'idempotency-key'], exposeHeaders: ['Retry-After'], maxAge: 600 });
  app.use('/api/*', extensionCors);
  app.use('/health', extensionCors);
  app.use('/api/*', (c, next) => (documentUpload(c.req.method, c.req.path) ? documentBodyLimit : apiBodyLimit)(c, next));

  // Liveness only: a load balancer that restarted instances whenever the database blinked
  // would restart them all at once. Readiness, which asks the database, is /health/ready.
  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/health/ready', readinessRoute(deps));
  app.route('/api/auth', authRoutes);
  app.route('/api/providers', providerRoutes);
  app.route('/api/connections', connectionRoutes);
  app.get('/api/events/ws', eventsWebSocket(deps));
  app.route('/api/events', eventRoutes);
  app.route('/api/deliveries', deliveryRoutes(deps, new WebhookRouter(deps.store.routing)));
  app.route('/api/webhooks', endpointRoutes);
  app.route('/api/actions', actionRoutes);
  app.route('/api/runs', runRoutes);
  app.route('/api/instances', manualRunRoutes);
  app.route('/api/integrations', integrationRoutes);
  app.route('/api/instances', instanceRoutes);
  app.route('/api/templates', templateRoutes);
  app.route('/api/instances', flowWebhookRoutes);
  // WEFT_BENCH=1 (`npm run bench` only) adds intake's ceiling, /hooks/bench/sink (see hookRoutes).
  app.route('/hooks', hookRoutes(deps, { benchSink: deps.config.benchSink }));
  app.route('/oauth', oauthRoutes);

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      return c.json({ error: { ...error.details, code: error.code, message: error.message } }, error.status, error.headers);
    }
    // The database is gone for now (cut, restarting, failing over): not a bug, and never a
    // 2xx, since nothing durable happened. The pool reconnects when it is back.
    if (isDatabaseUnavailable(error)) {
      deps.log.warn('The database is unreachable; answered 503', { path: c.req.path, error: error instanceof Error ? error.message : String(error) });
      return c.json({ error: { code: 'database_unavailable', message: DATABASE_UNAVAILABLE } }, 503, { 'Retry-After': '5' });
    }
    deps.log.error('Unhandled error', { path: c.req.path, error: error instanceof Error ? error.stack : String(error) });
    return c.json({ error: { code: 'internal', message: 'Something went wrong on the Weft server. It has been logged.' } }, 500);
  });
  return app;
}

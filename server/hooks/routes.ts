import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../app-context';
import { HttpError } from '../lib/http-error';
import { githubWebhooks } from '../providers/github/webhooks';
import { hubspotWebhooks } from '../providers/hubspot/webhooks';
import { slackWebhooks } from '../providers/slack/webhooks';
import { handleFlowHook } from '../flows/triggers/webhook-trigger';
import { handleCustomHook } from './custom-intake';
import type { ProviderWebhooks } from './intake-types';
import { handleProviderHook } from './provider-intake';
import { WebhookRouter } from './routing';

/**
 * A Map, not an object literal: the provider comes from the URL, and `webhookProviders['constructor']`
 * on a plain object would find Object's prototype members (`/hooks/__proto__` used to be a 500).
 */
export const webhookProviders: ReadonlyMap<string, ProviderWebhooks> = new Map([
  ['github', githubWebhooks],
  ['hubspot', hubspotWebhooks],
  ['slack', slackWebhooks],
]);

/**
 * Webhook intake: `/hooks/custom/:id`, `/hooks/:provider` and flows' `/hooks/flows/:token/:flowId`.
 * No session: signatures (or the URL's secret) are the auth.
 * `benchSink` (`npm run bench` only, WEFT_BENCH=1) adds intake's ceiling, `POST /hooks/bench/sink`:
 * it sits behind the same body limit as intake, reads the body as intake does and answers 202
 * with the number of bytes it read (the bench checks it), and does nothing else; so
 * intake ÷ sink is what verifying, parsing, routing and committing cost beyond reading the body.
 */
export function hookRoutes(deps: AppDeps, options: { benchSink?: boolean } = {}) {
  const router = new WebhookRouter(deps.store.routing);
  const hooks = new Hono<AppEnv>().use(
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new HttpError(413, 'payload_too_large', 'Webhook bodies are limited to 1 MiB.');
      },
    }),
  );
  // Two path segments, so it can never shadow (or be shadowed by) a provider's `/:provider`.
  if (options.benchSink) hooks.post('/bench/sink', async (c) => c.json({ bytes: Buffer.byteLength(await c.req.text()) }, 202));
  return hooks
    .post('/custom/:id', (c) => handleCustomHook(c, deps))
    // A flow's webhook trigger (server/flows/triggers/): three segments, apart from the rest.
    .post('/flows/:token/:flowId', (c) => handleFlowHook(c, deps))
    .post('/:provider', (c) => {
      const provider = c.req.param('provider');
      const hooks = webhookProviders.get(provider);
      if (!hooks) {
        throw new HttpError(404, 'not_found', `Weft takes no webhooks for "${provider.slice(0, 60)}": use /hooks/${[...webhookProviders.keys()].join(', /hooks/')} or a custom endpoint (/hooks/custom/<id>).`);
      }
      return handleProviderHook(c, deps, router, hooks);
    });
}

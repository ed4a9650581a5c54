import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../app-context';
import { HttpError, notFound } from '../lib/http-error';
import { githubWebhooks } from '../providers/github/webhooks';
import { hubspotWebhooks } from '../providers/hubspot/webhooks';
import { slackWebhooks } from '../providers/slack/webhooks';
import { handleCustomHook } from './custom-intake';
import type { ProviderWebhooks } from './intake-types';
import { handleProviderHook } from './provider-intake';
import { WebhookRouter } from './routing';

export const webhookProviders: Record<string, ProviderWebhooks> = {
  github: githubWebhooks,
  hubspot: hubspotWebhooks,
  slack: slackWebhooks,
};

/** Webhook intake: `/hooks/custom/:id` and `/hooks/:provider`. No session: signatures are the auth. */
export function hookRoutes(deps: AppDeps) {
  const router = new WebhookRouter(deps.store.sqlite);
  return new Hono<AppEnv>()
    .use(
      bodyLimit({
        maxSize: 1024 * 1024,
        onError: () => {
          throw new HttpError(413, 'payload_too_large', 'Webhook bodies are limited to 1 MiB.');
        },
      }),
    )
    .post('/custom/:id', (c) => handleCustomHook(c, deps))
    .post('/:provider', (c) => {
      const hooks = webhookProviders[c.req.param('provider')];
      if (!hooks) throw notFound(`Webhooks for "${c.req.param('provider')}"`);
      return handleProviderHook(c, deps, router, hooks);
    });
}

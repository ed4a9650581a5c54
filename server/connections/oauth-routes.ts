import { Hono } from 'hono';
import { oauthResultPath, type OAuthOutcome } from '../../shared/protocol/connections';
import { findProvider } from '../../shared/providers';
import type { AppEnv } from '../app-context';
import { completeAuthorization } from './callback';
import { resultPage } from './result-page';

const outcomes: OAuthOutcome[] = ['connected', 'denied', 'invalid_state', 'exchange_failed', 'error'];

/**
 * `/oauth/:provider/callback` is where providers send the browser back. It finishes the
 * flow and redirects to `/oauth/result`, so the code and state leave the address bar and
 * history, and the extension can watch for one URL to close the tab on success.
 */
export const oauthRoutes = new Hono<AppEnv>()
  .get('/result', (c) => {
    const status = outcomes.find((o) => o === c.req.query('status')) ?? 'error';
    const providerName = findProvider(c.req.query('provider') ?? '')?.name ?? 'Weft';
    const message = (c.req.query('message') ?? '').slice(0, 500) || 'Return to the Weft popup.';
    return c.html(resultPage(status, providerName, message), status === 'connected' ? 200 : 400);
  })
  .get('/:provider/callback', async (c) => {
    const provider = findProvider(c.req.param('provider'));
    const result = provider
      ? await completeAuthorization(c.var.deps, provider, new URL(c.req.url))
      : { status: 'error' as const, message: 'Weft does not know this provider.' };
    const target = new URLSearchParams({ status: result.status, provider: provider?.id ?? '', message: result.message });
    return c.redirect(`${oauthResultPath}?${target}`, 303);
  });

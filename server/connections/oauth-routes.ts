import { Hono } from 'hono';
import { oauthResultUrl, readOAuthResult } from '../../shared/protocol/oauth-result';
import { findProvider } from '../../shared/providers';
import type { AppEnv } from '../app-context';
import { completeAuthorization } from './callback';
import { viewGrant } from './pending-grants';
import { grantPage, outcomePage } from './result-page';

/** The catalog's name for a provider id, or "Weft" for anything else. */
const providerName = (id: string | undefined) => findProvider(id ?? '')?.name ?? 'Weft';

/**
 * `/oauth/:provider/callback` is where providers send the browser back. It finishes the
 * flow and redirects to `/oauth/result`, so the code and state leave the address bar and
 * history. The result URL carries a grant id or a failure code, never text.
 */
export const oauthRoutes = new Hono<AppEnv>()
  .get('/result', async (c) => {
    const result = readOAuthResult(new URL(c.req.url).searchParams);
    if ('grant' in result) {
      const view = await viewGrant(c.var.deps.db, result.grant);
      const ok = view?.state === 'pending' || view?.state === 'connected';
      return c.html(grantPage(view, providerName(view?.provider)), ok ? 200 : 400);
    }
    return c.html(outcomePage(result.status, providerName(result.provider ?? undefined)), 400);
  })
  .get('/:provider/callback', async (c) => {
    const provider = findProvider(c.req.param('provider'));
    const result = provider ? await completeAuthorization(c.var.deps, provider, new URL(c.req.url)) : ({ status: 'error' } as const);
    return c.redirect(oauthResultUrl({ ...result, provider: provider?.id ?? null }), 303);
  });

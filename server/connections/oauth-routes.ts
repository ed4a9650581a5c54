import { Hono } from 'hono';
import { oauthOutcomes, oauthResultPath, type OAuthOutcome } from '../../shared/protocol/connections';
import { findProvider } from '../../shared/providers';
import type { AppEnv } from '../app-context';
import { completeAuthorization } from './callback';
import { viewGrant } from './pending-grants';
import { grantPage, outcomePage } from './result-page';

/** The codes a result URL may name. Success is never one: it is shown only for a real grant. */
const failures = oauthOutcomes.filter((o): o is Exclude<OAuthOutcome, 'connected'> => o !== 'connected');

/** The catalog's name for a provider id, or "Weft" for anything else. */
const providerName = (id: string | undefined) => findProvider(id ?? '')?.name ?? 'Weft';

/**
 * `/oauth/:provider/callback` is where providers send the browser back. It finishes the
 * flow and redirects to `/oauth/result`, so the code and state leave the address bar and
 * history. The result URL carries a grant id or a failure code, never text.
 */
export const oauthRoutes = new Hono<AppEnv>()
  .get('/result', async (c) => {
    const grant = c.req.query('grant');
    if (grant) {
      const view = await viewGrant(c.var.deps.db, grant);
      const ok = view?.state === 'pending' || view?.state === 'connected';
      return c.html(grantPage(view, providerName(view?.provider)), ok ? 200 : 400);
    }
    const status = failures.find((o) => o === c.req.query('status')) ?? 'error';
    return c.html(outcomePage(status, providerName(c.req.query('provider'))), 400);
  })
  .get('/:provider/callback', async (c) => {
    const provider = findProvider(c.req.param('provider'));
    const result = provider ? await completeAuthorization(c.var.deps, provider, new URL(c.req.url)) : ({ status: 'error' } as const);
    const target: Record<string, string> = 'grant' in result ? { grant: result.grant, provider: provider!.id } : { status: result.status, provider: provider?.id ?? '' };
    return c.redirect(`${oauthResultPath}?${new URLSearchParams(target)}`, 303);
  });

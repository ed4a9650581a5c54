import { Hono } from 'hono';
import type { EmulatorControls } from './types';

/**
 * The controls over HTTP under `/_emulator/`, for a demo or an e2e test driving the
 * emulator from another process. Same semantics as the in-process methods.
 *
 * @example await fetch(`${url}/_emulator/tokens`, { method: 'POST', body: JSON.stringify({ scopes: ['repo'] }) }) // → { token }
 */
export function controlRoutes<IssueOptions>(controls: EmulatorControls<IssueOptions>): Hono {
  const app = new Hono();

  app.post('/tokens', async (c) => {
    const body = await c.req.json().catch(() => ({}));
    const options = body && typeof body === 'object' ? (body as IssueOptions) : undefined;
    return c.json({ token: controls.issueToken(options) }, 201);
  });

  app.get('/issued-tokens', (c) => c.json({ tokens: controls.issuedTokens() }));

  app.post('/expire-access-tokens', (c) => {
    controls.expireAccessTokens();
    return c.json({ ok: true });
  });

  app.post('/revoke-refresh-tokens', (c) => {
    controls.revokeRefreshTokens();
    return c.json({ ok: true });
  });

  app.post('/fail-next', async (c) => {
    const body: { pathPrefix?: unknown; status?: unknown; count?: unknown } = await c.req.json().catch(() => ({}));
    if (typeof body.pathPrefix !== 'string' || typeof body.status !== 'number') {
      return c.json({ error: 'expected JSON { pathPrefix: string, status: number, count?: number }' }, 400);
    }
    try {
      controls.failNext(body.pathPrefix, body.status, typeof body.count === 'number' ? body.count : 1);
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
    return c.json({ ok: true });
  });

  app.get('/stats', (c) => c.json(controls.stats));

  app.post('/reset-stats', (c) => {
    controls.resetStats();
    return c.json({ ok: true });
  });

  return app;
}

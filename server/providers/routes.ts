import { Hono } from 'hono';
import { z } from 'zod';
import type { ProvidersResponse } from '../../shared/protocol/providers';
import { catalog } from '../../shared/providers';
import type { AppEnv } from '../app-context';
import { missingOAuthEnv } from '../connections/provider-context';
import { canVerifyKey } from '../connections/verify-credential';

/** `GET /api/providers`: the catalog, plus what this server can actually connect. */
export const providerRoutes = new Hono<AppEnv>().get('/', (c) => {
  const providers = catalog.map((p) => {
    const missingEnv = missingOAuthEnv(c.var.deps, p);
    const actions = Object.fromEntries(
      Object.entries(p.actions ?? {}).map(([id, a]) => [
        id,
        { title: a.title, description: a.description, kind: a.kind, inputSchema: z.toJSONSchema(a.input, { io: 'input', unrepresentable: 'any' }) },
      ]),
    );
    return { ...p, actions, configured: missingEnv.length === 0, missingEnv, canVerifyKey: canVerifyKey(p) };
  });
  return c.json({ providers } satisfies ProvidersResponse);
});

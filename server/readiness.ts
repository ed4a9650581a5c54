import type { Context } from 'hono';
import type { AppDeps, AppEnv } from './app-context';
import { checkDatabase } from './store/readiness';

/**
 * `GET /health/ready`: whether this instance can serve requests now, which needs its
 * database and not to be shutting down (server/shutdown.ts). 200 with the test query's time, or 503 `database_unavailable` saying why, within
 * about 2 s either way (a load balancer's probe times out after a few seconds).
 */
export const readinessRoute = (deps: AppDeps) => async (c: Context<AppEnv>) => {
  // Told to stop: the balancer should send new requests elsewhere while these finish.
  if (deps.lifecycle.draining) return c.json({ error: { code: 'shutting_down' as const, message: 'Not ready: this instance is shutting down.' } }, 503);
  const database = await checkDatabase(deps.db, deps.store.engine);
  if (database.ok) return c.json({ ok: true as const, database: { ms: database.ms } });
  return c.json({ error: { code: 'database_unavailable' as const, message: `Not ready: ${database.reason}` } }, 503, { 'Retry-After': '5' });
};

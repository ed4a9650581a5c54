import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine';
import { isDatabaseUnavailable } from './database-unavailable';

export type DatabaseReadiness = { ok: true; ms: number } | { ok: false; reason: string };

const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/**
 * Asks the database the cheapest question there is (`SELECT 1`, through the same pool the
 * requests use) and waits at most `timeoutMs` for the answer, so a load balancer's probe
 * learns within its own timeout that this instance cannot serve, and why. A query still
 * waiting when the time is up is left to the pool's own connection timeout.
 */
export async function checkDatabase(db: Kysely<any>, engine: Engine, timeoutMs = 2000): Promise<DatabaseReadiness> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const name = ENGINE_NAMES[engine];
  try {
    const answer = await Promise.race([sql`SELECT 1`.execute(db).then(() => 'answered' as const), timedOut]);
    if (answer === 'timeout') return { ok: false, reason: `${name} did not answer within ${timeoutMs / 1000} s.` };
    return { ok: true, ms: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const why = isDatabaseUnavailable(error) ? 'cannot be reached' : 'failed a test query';
    return { ok: false, reason: `${name} ${why} (${message}).` };
  } finally {
    clearTimeout(timer);
  }
}

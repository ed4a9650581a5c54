import { Hono } from 'hono';
import { systemClock, type Clock } from './clock';
import { controlRoutes } from './control-routes';
import { FailureQueue } from './fail-next';
import { PendingAuthorizations } from './pending-authorizations';
import { createStats, resetStats, type EmulatorStats } from './stats';
import { TokenStore } from './token-store';
import { AuthCodeStore } from './auth-codes';
import type { EmulatorControls } from './types';

/** The machinery every provider emulator shares: stores, counters and scheduled failures. */
export interface EmulatorCore<Account, PendingRequest> {
  now: Clock;
  tokens: TokenStore<Account>;
  codes: AuthCodeStore<Account>;
  pending: PendingAuthorizations<PendingRequest>;
  stats: EmulatorStats;
  failures: FailureQueue;
}

export function createCore<Account, PendingRequest>(now: Clock = systemClock, newCode: () => string): EmulatorCore<Account, PendingRequest> {
  return {
    now,
    tokens: new TokenStore<Account>(now),
    codes: new AuthCodeStore<Account>(now, newCode),
    pending: new PendingAuthorizations<PendingRequest>(now),
    stats: createStats(),
    failures: new FailureQueue(),
  };
}

const CONTROL_PREFIX = '/_emulator';

/**
 * A Hono app with the shared front matter installed: the request log, scheduled failures
 * (answered in the provider's own error shape by `failureResponse`) and `/_emulator/`.
 * Provider routes are added after this, so failures win over them.
 */
export function createEmulatorApp<IssueOptions>(
  core: EmulatorCore<unknown, unknown>,
  controls: EmulatorControls<IssueOptions>,
  failureResponse: (status: number, path: string) => Response,
): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith(CONTROL_PREFIX)) return next();
    await next();
    core.stats.requests.push({ method: c.req.method, path: c.req.path, status: c.res.status });
  });
  app.use('*', async (c, next) => {
    const status = c.req.path.startsWith(CONTROL_PREFIX) ? undefined : core.failures.take(c.req.path);
    if (status === undefined) return next();
    core.stats.injectedFailures++;
    return failureResponse(status, c.req.path);
  });
  app.route(CONTROL_PREFIX, controlRoutes(controls));
  return app;
}

/** The controls every provider implements the same way, given how it mints a token. */
export function commonControls<Account, IssueOptions>(
  core: EmulatorCore<Account, unknown>,
  issueToken: (options?: IssueOptions) => string,
): EmulatorControls<IssueOptions> {
  return {
    stats: core.stats,
    issueToken,
    issuedTokens: () => core.tokens.all().map((t) => ({ value: t.value, type: t.type })),
    expireAccessTokens: () => core.tokens.expireAll('access'),
    revokeRefreshTokens: () => void core.tokens.revokeWhere((token) => token.type === 'refresh'),
    failNext: (pathPrefix, status, count = 1) => core.failures.add(pathPrefix, status, count),
    resetStats: () => resetStats(core.stats),
  };
}

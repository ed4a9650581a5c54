import { Hono, type Context } from 'hono';
import { randomUUID } from 'node:crypto';
import { bearerToken } from '../common/params';
import type { RateWindow } from '../common/rate-limit';
import type { StoredToken } from '../common/token-store';
import { badCredentials, primaryRateLimit, requiresAuthentication, restError } from './errors';
import { userJson, type GithubUser } from './fixtures';
import type { GithubState } from './state';
import { scopesHeader } from './tokens';

/**
 * api.github.com: the identity endpoints Weft calls, behind GitHub's authentication and
 * primary rate limit (per user; `x-ratelimit-*` on every authenticated answer).
 */
export function apiRoutes(state: GithubState): Hono {
  const app = new Hono();
  const { stats } = state.core;

  app.get('/user', (c) => {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    stats.identityCalls++;
    c.header('x-accepted-oauth-scopes', '');
    return c.json(userJson(token.account, new URL(c.req.url).origin));
  });

  app.get('/user/emails', (c) => {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    c.header('x-accepted-oauth-scopes', 'user, user:email');
    // Without the scope GitHub hides the resource rather than saying "forbidden".
    if (token.kind !== 'app-user' && !token.scopes.some((s) => s === 'user' || s === 'user:email')) {
      return c.json(restError(404, 'Not Found', 'https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user'), 404);
    }
    const { email } = token.account;
    return c.json(email ? [{ email, primary: true, verified: true, visibility: 'public' }] : []);
  });

  // Reading the limit does not spend it (documented).
  app.get('/rate_limit', (c) => {
    const found = state.core.tokens.lookup(bearerToken(c.req.header('authorization'), ['bearer', 'token']), 'access');
    if (found.status !== 'valid') return c.json(badCredentials(), 401);
    const describe = (w: RateWindow) => ({ limit: w.limit, used: w.used, remaining: w.remaining, reset: Math.ceil(w.resetAt / 1000) });
    const core = describe(state.limiter.peek(String(found.token.account.id)));
    const search = describe(state.searchLimiter.peek(String(found.token.account.id)));
    return c.json({ resources: { core, search }, rate: core });
  });

  return app;
}

/**
 * Resolves the bearer (or `token`-scheme) credential and spends one unit of the user's
 * budget for the resource: `core` (hourly) for most calls, `search` (per minute) for
 * /search. The `x-ratelimit-*` headers describe that resource, as on GitHub.
 */
export function authenticate(state: GithubState, c: Context, resource: 'core' | 'search' = 'core'): StoredToken<GithubUser> | Response {
  const { stats, tokens } = state.core;
  const requestId = randomUUID().toUpperCase();
  c.header('x-github-request-id', requestId);
  c.header('x-github-api-version-selected', '2022-11-28');
  const value = bearerToken(c.req.header('authorization'), ['bearer', 'token']);
  if (value === undefined) {
    stats.authFailures++;
    return c.json(requiresAuthentication(), 401);
  }
  const found = tokens.lookup(value, 'access');
  if (found.status !== 'valid') {
    stats.authFailures++;
    return c.json(badCredentials(), 401);
  }
  const { account } = found.token;
  const limiter = resource === 'search' ? state.searchLimiter : state.limiter;
  const window = limiter.hit(String(account.id));
  const resetSeconds = Math.ceil(window.resetAt / 1000);
  c.header('x-ratelimit-limit', String(window.limit));
  c.header('x-ratelimit-remaining', String(window.remaining));
  c.header('x-ratelimit-reset', String(resetSeconds));
  c.header('x-ratelimit-used', String(window.used));
  c.header('x-ratelimit-resource', resource);
  const scopes = scopesHeader(found.token);
  if (scopes !== undefined) c.header('x-oauth-scopes', scopes);
  if (window.limited) {
    stats.rateLimited++;
    c.header('retry-after', String(Math.max(1, resetSeconds - Math.floor(state.core.now() / 1000))));
    const status = resource === 'search' ? 403 : state.rateLimitStatus;
    return c.json(primaryRateLimit(status, account.id, requestId), status);
  }
  stats.apiCalls++;
  return found.token;
}

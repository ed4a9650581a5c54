import { Hono, type Context } from 'hono';
import { bearerToken } from '../common/params';
import { retryAfterSeconds } from '../common/rate-limit';
import type { StoredToken } from '../common/token-store';
import { expiredAuthentication, invalidAuthentication, rateLimitError } from './errors';
import type { HubspotInstall } from './fixtures';
import type { HubspotState } from './state';

/** api.hubapi.com: the account check Weft uses, behind HubSpot's auth and rate limits. */
export function apiRoutes(state: HubspotState): Hono {
  const app = new Hono();

  app.get('/account-info/v3/details', (c) => {
    const token = authenticate(state, c);
    if (token instanceof Response) return token;
    state.core.stats.identityCalls++;
    return c.json(token.account.account);
  });

  return app;
}

/**
 * Bearer auth, then the limits: TEN_SECONDLY_ROLLING per app per account for every token,
 * DAILY only for private apps. Headers follow HubSpot: OAuth calls get no Daily headers; a
 * 429 says in `Retry-After` when the refused call would be allowed.
 */
export function authenticate(state: HubspotState, c: Context): StoredToken<HubspotInstall> | Response {
  const { stats, tokens, now } = state.core;
  const found = tokens.lookup(bearerToken(c.req.header('authorization')), 'access');
  if (found.status === 'expired' && found.token.expiresAt !== null) {
    stats.authFailures++;
    return c.json(expiredAuthentication(found.token.expiresAt, now()), 401);
  }
  if (found.status !== 'valid') {
    stats.authFailures++;
    return c.json(invalidAuthentication(), 401);
  }
  const token = found.token;
  const key = `${token.clientId ?? token.value}:${token.account.account.portalId}`;
  const rolling = state.rolling.hit(key);
  c.header('X-HubSpot-RateLimit-Interval-Milliseconds', String(state.rolling.windowMs));
  c.header('X-HubSpot-RateLimit-Max', String(rolling.limit));
  c.header('X-HubSpot-RateLimit-Remaining', String(rolling.remaining));
  if (rolling.limited) {
    stats.rateLimited++;
    c.header('Retry-After', String(retryAfterSeconds(rolling, now())));
    return c.json(rateLimitError('TEN_SECONDLY_ROLLING'), 429);
  }
  if (token.kind === 'private-app') {
    const daily = state.daily.hit(key);
    c.header('X-HubSpot-RateLimit-Daily', String(daily.limit));
    c.header('X-HubSpot-RateLimit-Daily-Remaining', String(daily.remaining));
    if (daily.limited) {
      stats.rateLimited++;
      c.header('Retry-After', String(retryAfterSeconds(daily, now())));
      return c.json(rateLimitError('DAILY'), 429);
    }
  }
  stats.apiCalls++;
  return token;
}

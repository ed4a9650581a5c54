import { Hono, type Context } from 'hono';
import { bearerToken, readArgs } from '../common/params';
import type { StoredToken } from '../common/token-store';
import { chatRoutes } from './chat';
import { conversationRoutes } from './conversations';
import { slackError } from './errors';
import type { SlackGrantAccount, SlackState } from './state';

/** `params` keeps string arguments (what most methods take); `args` keeps JSON types too (blocks, booleans). */
export type Authenticated = { token: StoredToken<SlackGrantAccount>; params: Record<string, string>; args: Record<string, unknown> };

/**
 * slack.com/api: identity (auth.test), revocation (auth.revoke), conversations.list and
 * chat.postMessage; unknown methods answer like Slack.
 */
export function apiRoutes(state: SlackState): Hono {
  const app = new Hono();
  const { stats, tokens } = state.core;
  app.route('/', conversationRoutes(state));
  app.route('/', chatRoutes(state));

  app.on(['GET', 'POST'], '/api/auth.test', async (c) => {
    const auth = await authenticate(state, c, 'auth.test');
    if (auth instanceof Response) return auth;
    stats.identityCalls++;
    const { install } = auth.token.account;
    const bot = auth.token.kind === 'bot';
    return c.json({
      ok: true,
      url: `https://${install.team.domain}.slack.com/`,
      team: install.team.name,
      user: bot ? install.botName : install.userName,
      team_id: install.team.id,
      user_id: bot ? install.botUserId : install.userId,
      ...(bot ? { bot_id: install.botId } : {}),
      is_enterprise_install: false,
    });
  });

  // An unknown token answers invalid_auth, a revoked one token_revoked (from `authenticate`):
  // only a live token is revoked, and only that is counted.
  app.on(['GET', 'POST'], '/api/auth.revoke', async (c) => {
    const auth = await authenticate(state, c, 'auth.revoke');
    if (auth instanceof Response) return auth;
    // `test=1` checks the call without revoking, as documented.
    if (auth.params.test === '1' || auth.params.test === 'true') return c.json({ ok: true, revoked: false });
    tokens.revoke(auth.token.value);
    stats.revocations++;
    return c.json({ ok: true, revoked: true });
  });

  app.all('/api/:method', (c) => c.json(slackError('unknown_method', { req_method: c.req.param('method') }), 404));

  return app;
}

/**
 * The token from `Authorization: Bearer` or a `token` argument, checked the way Slack
 * reports it (not_authed, invalid_auth, token_revoked, token_expired), then the method's
 * per-minute budget for the workspace.
 */
export async function authenticate(state: SlackState, c: Context, method: string): Promise<Authenticated | Response> {
  const { stats, tokens, now } = state.core;
  const args = await readArgs(c);
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
  const value = bearerToken(c.req.header('authorization')) ?? params.token;
  const found = tokens.lookup(value, 'access');
  if (found.status !== 'valid') {
    stats.authFailures++;
    const error = value === undefined ? 'not_authed' : { unknown: 'invalid_auth', revoked: 'token_revoked', expired: 'token_expired' }[found.status];
    return c.json(slackError(error));
  }
  const { install } = found.token.account;
  const window = state.limiterFor(method).hit(`${install.team.id}:${install.appId}`);
  if (window.limited) {
    stats.rateLimited++;
    c.header('retry-after', String(Math.max(1, Math.ceil((window.resetAt - now()) / 1000))));
    return c.json(slackError('ratelimited'), 429);
  }
  stats.apiCalls++;
  c.header('x-oauth-scopes', found.token.scopes.join(','));
  c.header('x-accepted-oauth-scopes', '');
  return { token: found.token, params, args };
}

/**
 * Slack's `missing_scope` answer when the token has none of the scopes a method accepts,
 * naming what was needed and what the token has.
 */
export function missingScope(c: Context, auth: Authenticated, needed: string[]): Response | undefined {
  if (needed.some((s) => auth.token.scopes.includes(s))) return undefined;
  return c.json(slackError('missing_scope', { needed: needed.join(','), provided: auth.token.scopes.join(',') }));
}

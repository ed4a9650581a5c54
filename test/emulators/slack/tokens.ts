import { randomBase62, randomBase64Url, randomDigits, randomHex } from '../common/random';
import type { StoredToken } from '../common/token-store';
import type { SlackGrantAccount, SlackIssueOptions, SlackState } from './state';

/** Slack token shapes: classic `xoxb-`/`xoxp-`, rotating `xoxe.xoxb-1-…` with `xoxe-1-…` refresh tokens. */
const slackToken = {
  bot: () => `xoxb-${randomDigits(11)}-${randomDigits(13)}-${randomBase62(24)}`,
  user: () => `xoxp-${randomDigits(11)}-${randomDigits(11)}-${randomDigits(13)}-${randomHex(16)}`,
  rotatingBot: () => `xoxe.xoxb-1-${randomBase64Url(72)}`,
  refresh: () => `xoxe-1-${randomBase64Url(96)}`,
};

/**
 * The oauth.v2.access success body for a bot install, issuing the tokens it names.
 * With rotation on it adds `expires_in` and `refresh_token`; with user scopes, a user
 * token under `authed_user` (never rotated here, a simplification).
 */
export function issueInstallTokens(state: SlackState, grant: SlackGrantAccount, scopes: string[]): Record<string, unknown> {
  const { tokens, now } = state.core;
  const { install } = grant;
  const rotating = state.accessTokenTtl !== null;
  const access = tokens.add({
    value: rotating ? slackToken.rotatingBot() : slackToken.bot(),
    type: 'access', kind: 'bot', account: grant, scopes, clientId: state.clientId,
    expiresAt: state.accessTokenTtl === null ? null : now() + state.accessTokenTtl * 1000,
  });
  const body: Record<string, unknown> = {
    ok: true,
    app_id: install.appId,
    authed_user: authedUser(state, grant),
    scope: scopes.join(','),
    token_type: 'bot',
    access_token: access.value,
    bot_user_id: install.botUserId,
    team: { id: install.team.id, name: install.team.name },
    enterprise: null,
    is_enterprise_install: false,
  };
  if (state.accessTokenTtl !== null) {
    const refresh = tokens.add({ value: slackToken.refresh(), type: 'refresh', kind: 'bot', account: grant, scopes, clientId: state.clientId, expiresAt: null });
    tokens.pair(access, refresh);
    Object.assign(body, { expires_in: state.accessTokenTtl, refresh_token: refresh.value });
  }
  return body;
}

function authedUser(state: SlackState, grant: SlackGrantAccount): Record<string, unknown> {
  if (grant.userScopes.length === 0) return { id: grant.install.userId };
  const user = state.core.tokens.add({
    value: slackToken.user(), type: 'access', kind: 'user', account: grant, scopes: grant.userScopes, clientId: state.clientId, expiresAt: null,
  });
  return { id: grant.install.userId, scope: grant.userScopes.join(','), access_token: user.value, token_type: 'user' };
}

/** Token rotation: the used refresh token dies; the old access token lives out its 12 hours. */
export function issueRefreshed(state: SlackState, used: StoredToken<SlackGrantAccount>): Record<string, unknown> {
  state.core.tokens.revoke(used.value, { withPartner: false });
  return issueInstallTokens(state, { ...used.account, userScopes: [] }, used.scopes);
}

export function issueBotToken(state: SlackState, options: SlackIssueOptions = {}): string {
  const install = { ...state.install, team: { ...state.install.team, ...options.team } };
  return state.core.tokens.add({
    value: slackToken.bot(),
    type: 'access',
    kind: 'bot',
    account: { install, userScopes: [] },
    scopes: options.scopes ?? ['chat:write', 'channels:read', 'channels:history', 'team:read'],
    clientId: null,
    expiresAt: null,
  }).value;
}

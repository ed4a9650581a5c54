import { randomBase62 } from '../common/random';
import type { StoredToken } from '../common/token-store';
import type { GithubUser } from './fixtures';
import type { GithubIssueOptions, GithubState } from './state';

/** GitHub token formats: a prefix naming the kind, then 36 base62 characters (refresh: 76). */
export const githubToken = {
  personal: () => `ghp_${randomBase62(36)}`,
  oauth: () => `gho_${randomBase62(36)}`,
  appUser: () => `ghu_${randomBase62(36)}`,
  refresh: () => `ghr_${randomBase62(76)}`,
};

/**
 * Issues what the token endpoint returns: a non-expiring gho_ token for an OAuth app, or
 * (when accessTokenTtlSeconds is set) a ghu_/ghr_ pair like a GitHub App with expiring
 * user tokens, whose `scope` is always empty because GitHub Apps use permissions.
 */
export function issueOAuthTokens(state: GithubState, user: GithubUser, scopes: string[]): Record<string, string | number> {
  const { tokens, now } = state.core;
  if (state.accessTokenTtl === null) {
    const access = tokens.add({ value: githubToken.oauth(), type: 'access', kind: 'oauth', account: user, scopes, clientId: state.clientId, expiresAt: null });
    return { access_token: access.value, token_type: 'bearer', scope: scopes.join(',') };
  }
  const access = tokens.add({
    value: githubToken.appUser(), type: 'access', kind: 'app-user', account: user, scopes: [], clientId: state.clientId,
    expiresAt: now() + state.accessTokenTtl * 1000,
  });
  const refresh = tokens.add({
    value: githubToken.refresh(), type: 'refresh', kind: 'app-user', account: user, scopes: [], clientId: state.clientId,
    expiresAt: now() + state.refreshTokenTtl * 1000,
  });
  tokens.pair(access, refresh);
  return {
    access_token: access.value,
    expires_in: state.accessTokenTtl,
    refresh_token: refresh.value,
    refresh_token_expires_in: state.refreshTokenTtl,
    token_type: 'bearer',
    scope: '',
  };
}

/** `X-OAuth-Scopes` as GitHub formats it; GitHub App user tokens (no scopes) send none. */
export function scopesHeader(token: StoredToken<GithubUser>): string | undefined {
  return token.kind === 'app-user' ? undefined : token.scopes.join(', ');
}

export function issueDirectToken(state: GithubState, options: GithubIssueOptions = {}): string {
  const kind = options.kind ?? 'personal';
  return state.core.tokens.add({
    value: kind === 'oauth' ? githubToken.oauth() : githubToken.personal(),
    type: 'access',
    kind,
    account: { ...state.user, ...options.user },
    scopes: options.scopes ?? ['repo', 'read:user', 'user:email'],
    clientId: kind === 'oauth' ? state.clientId : null,
    expiresAt: null,
  }).value;
}

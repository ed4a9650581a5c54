import type { Clock } from '../common/clock';
import { createCore, type EmulatorCore } from '../common/core';
import { randomHex } from '../common/random';
import { FixedWindowLimiter, RollingWindowLimiter } from '../common/rate-limit';
import type { EmulatorOptions } from '../common/types';
import { GithubData } from './data';
import { defaultGithubUser, type GithubUser } from './fixtures';
import { seedGithubData } from './seed';

export interface GithubEmulatorOptions extends EmulatorOptions {
  /** The signed-in user. Defaults to octocat. */
  user?: Partial<GithubUser>;
  /** Lifetime of ghr_ refresh tokens when accessTokenTtlSeconds is set. GitHub: 6 months. */
  refreshTokenTtlSeconds?: number;
  /** Primary rate limit per user. GitHub: 5,000 an hour, refused with 403 (sometimes 429). */
  rateLimit?: { limit?: number; windowSeconds?: number; status?: 403 | 429 };
  /**
   * Secondary limit on content creation (POST issues, POST comments) per user. GitHub: 80
   * a minute and 500 an hour, refused with 403, `retry-after` and a "secondary rate limit" message.
   */
  secondaryRateLimit?: { perMinute?: number; perHour?: number; status?: 403 | 429 };
  /** The search API's own budget per user. GitHub: 30 a minute (resource `search`). */
  searchRateLimit?: { limit?: number; windowSeconds?: number };
  /** Start with the demo repositories and issues (see seed.ts). Default true. */
  seed?: boolean;
}

export interface GithubIssueOptions {
  /** Classic PAT scopes. Default: repo, read:user, user:email. */
  scopes?: string[];
  user?: Partial<GithubUser>;
  /** 'personal' → ghp_ (default); 'oauth' → gho_ as if from the OAuth flow. */
  kind?: 'personal' | 'oauth';
}

/** An authorize request waiting on the consent page. */
export interface PendingGithubAuthorization {
  clientId: string;
  redirectUri: string;
  redirectUriSent: string | null;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
}

export interface GithubState {
  core: EmulatorCore<GithubUser, PendingGithubAuthorization>;
  clientId: string;
  clientSecret: string;
  appName: string;
  redirectUris: string[];
  autoApprove: boolean;
  user: GithubUser;
  /** Seconds, or null for non-expiring OAuth-app tokens. */
  accessTokenTtl: number | null;
  refreshTokenTtl: number;
  limiter: FixedWindowLimiter;
  rateLimitStatus: 403 | 429;
  searchLimiter: FixedWindowLimiter;
  /** Content creation: per minute, then per hour. */
  contentLimiters: RollingWindowLimiter[];
  secondaryStatus: 403 | 429;
  data: GithubData;
}

/** What GitHub returns as refresh_token_expires_in: about six months. */
const SIX_MONTHS_SECONDS = 15_897_600;

export function createGithubState(options: GithubEmulatorOptions): GithubState {
  const now: Clock | undefined = options.now;
  // GitHub codes are 20 hex characters.
  const core = createCore<GithubUser, PendingGithubAuthorization>(now, () => randomHex(10));
  const user = { ...defaultGithubUser, ...options.user };
  const data = new GithubData(core.now);
  if (options.seed ?? true) seedGithubData(data, { login: user.login, id: user.id });
  const secondary = options.secondaryRateLimit ?? {};
  return {
    core,
    clientId: options.clientId ?? 'github-client-id',
    clientSecret: options.clientSecret ?? 'github-client-secret',
    appName: options.appName ?? 'Weft',
    redirectUris: options.redirectUris ?? [],
    autoApprove: options.autoApprove ?? false,
    user,
    accessTokenTtl: options.accessTokenTtlSeconds ?? null,
    refreshTokenTtl: options.refreshTokenTtlSeconds ?? SIX_MONTHS_SECONDS,
    limiter: new FixedWindowLimiter(core.now, options.rateLimit?.limit ?? 5000, (options.rateLimit?.windowSeconds ?? 3600) * 1000),
    rateLimitStatus: options.rateLimit?.status ?? 403,
    searchLimiter: new FixedWindowLimiter(core.now, options.searchRateLimit?.limit ?? 30, (options.searchRateLimit?.windowSeconds ?? 60) * 1000),
    contentLimiters: [
      new RollingWindowLimiter(core.now, secondary.perMinute ?? 80, 60_000),
      new RollingWindowLimiter(core.now, secondary.perHour ?? 500, 3_600_000),
    ],
    secondaryStatus: secondary.status ?? 403,
    data,
  };
}

import { createCore, type EmulatorCore } from '../common/core';
import { randomDigits, randomHex } from '../common/random';
import { FixedWindowLimiter, TokenBucketLimiter } from '../common/rate-limit';
import type { EmulatorOptions } from '../common/types';
import { defaultSlackInstall, type SlackInstall, type SlackTeam } from './fixtures';
import { seedWorkspace, SlackWorkspace } from './workspace';

export interface SlackEmulatorOptions extends EmulatorOptions {
  /**
   * Setting accessTokenTtlSeconds turns on token rotation (Slack: 43,200 s): access tokens
   * become `xoxe.xoxb-…` and come with a `xoxe-1-…` refresh token.
   */
  install?: Partial<Omit<SlackInstall, 'team'>> & { team?: Partial<SlackTeam> };
  /**
   * Calls per minute per method per workspace. Default 100 (Tier 4), conversations.list 20
   * (Tier 2); a map sets methods one by one, a number sets them all.
   */
  rateLimitPerMinute?: number | Record<string, number>;
  /**
   * chat.postMessage's special limit per channel: about one message a second, with a short
   * burst allowed. Default `{ perSecond: 1, burst: 3 }`; `burst: 1` refuses a second message within a second.
   */
  postMessageLimit?: { perSecond?: number; burst?: number };
  /** Start with the demo channels (workspace.ts). Default true. */
  seed?: boolean;
}

export interface SlackIssueOptions {
  scopes?: string[];
  team?: Partial<SlackTeam>;
}

export interface PendingSlackAuthorization {
  redirectUri: string;
  redirectUriSent: string | null;
  scopes: string[];
  userScopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
}

/** The grant an authorization code carries: bot scopes in `scopes`, user scopes beside them. */
export interface SlackGrantAccount {
  install: SlackInstall;
  userScopes: string[];
}

export interface SlackState {
  core: EmulatorCore<SlackGrantAccount, PendingSlackAuthorization>;
  clientId: string;
  clientSecret: string;
  appName: string;
  redirectUris: string[];
  autoApprove: boolean;
  install: SlackInstall;
  /** Seconds, or null when token rotation is off (tokens never expire). */
  accessTokenTtl: number | null;
  limiterFor(method: string): FixedWindowLimiter;
  /** chat.postMessage per channel. */
  postLimiter: TokenBucketLimiter;
  workspace: SlackWorkspace;
}

/** Per-minute defaults by Slack tier, for methods not set in `rateLimitPerMinute`. */
const TIER_DEFAULTS: Record<string, number> = { 'conversations.list': 20 };

export function createSlackState(options: SlackEmulatorOptions): SlackState {
  // Slack codes look like '4724469134.4644010092847.232b…'.
  const core = createCore<SlackGrantAccount, PendingSlackAuthorization>(options.now, () => `${randomDigits(10)}.${randomDigits(13)}.${randomHex(32)}`);
  const limiters = new Map<string, FixedWindowLimiter>();
  const perMinute = options.rateLimitPerMinute ?? {};
  const install = { ...defaultSlackInstall, ...options.install, team: { ...defaultSlackInstall.team, ...options.install?.team } };
  const workspace = new SlackWorkspace(core.now);
  if (options.seed ?? true) seedWorkspace(workspace, install);
  return {
    core,
    clientId: options.clientId ?? 'slack-client-id',
    clientSecret: options.clientSecret ?? 'slack-client-secret',
    appName: options.appName ?? 'Weft',
    redirectUris: options.redirectUris ?? [],
    autoApprove: options.autoApprove ?? false,
    install,
    accessTokenTtl: options.accessTokenTtlSeconds ?? null,
    limiterFor(method) {
      let limiter = limiters.get(method);
      if (!limiter) {
        const limit = typeof perMinute === 'number' ? perMinute : (perMinute[method] ?? TIER_DEFAULTS[method] ?? 100);
        limiter = new FixedWindowLimiter(core.now, limit, 60_000);
        limiters.set(method, limiter);
      }
      return limiter;
    },
    postLimiter: new TokenBucketLimiter(core.now, options.postMessageLimit?.perSecond ?? 1, options.postMessageLimit?.burst ?? 3),
    workspace,
  };
}

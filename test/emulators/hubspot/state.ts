import { randomUUID } from 'node:crypto';
import { createCore, type EmulatorCore } from '../common/core';
import { FixedWindowLimiter, RollingWindowLimiter } from '../common/rate-limit';
import type { EmulatorOptions } from '../common/types';
import type { CrmType } from './crm-schema';
import { CrmStore } from './crm-store';
import { defaultHubspotAccount, defaultHubspotUser, type HubspotAccount, type HubspotInstall, type HubspotUser } from './fixtures';

export interface HubspotEmulatorOptions extends EmulatorOptions {
  account?: Partial<HubspotAccount>;
  user?: Partial<HubspotUser>;
  /** The account's own domain, token info's `hub_domain`. */
  hubDomain?: string;
  /** The public app's id (token info `app_id`). */
  appId?: number;
  /**
   * Per app per account. HubSpot: 100 calls per rolling 10 s (Free/Starter), daily 250,000
   * for private apps (OAuth calls have no daily limit, so no Daily headers).
   */
  rateLimit?: {
    max?: number;
    intervalMs?: number;
    daily?: number;
    /** The CRM search endpoints' own limit per token: 5 requests a second (429, policy SECONDLY). */
    searchPerSecond?: number;
  };
  /** HubSpot keeps the same refresh token across refreshes; set this to get a new one each time. */
  rotateRefreshTokens?: boolean;
  /** Start with the demo CRM (crm-fixtures.ts). Default true; false leaves only the default pipeline. */
  seed?: boolean;
  /** Extra (custom) property names clients may write, per object type. */
  customProperties?: Partial<Record<CrmType, string[]>>;
}

export interface HubspotIssueOptions {
  scopes?: string[];
  account?: Partial<HubspotAccount>;
  user?: Partial<HubspotUser>;
}

export interface PendingHubspotAuthorization {
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
}

export interface HubspotState {
  core: EmulatorCore<HubspotInstall, PendingHubspotAuthorization>;
  clientId: string;
  clientSecret: string;
  appId: number;
  appName: string;
  redirectUris: string[];
  autoApprove: boolean;
  install: HubspotInstall;
  accessTokenTtl: number;
  rotateRefreshTokens: boolean;
  rolling: RollingWindowLimiter;
  daily: FixedWindowLimiter;
  searchLimiter: RollingWindowLimiter;
  crm: CrmStore;
  customProperties: Partial<Record<CrmType, string[]>>;
}

export function createHubspotState(options: HubspotEmulatorOptions): HubspotState {
  // HubSpot authorization codes are UUIDs.
  const core = createCore<HubspotInstall, PendingHubspotAuthorization>(options.now, () => randomUUID());
  const limits = options.rateLimit ?? {};
  return {
    core,
    clientId: options.clientId ?? 'hubspot-client-id',
    clientSecret: options.clientSecret ?? 'hubspot-client-secret',
    appId: options.appId ?? 1_234_567,
    appName: options.appName ?? 'Weft',
    redirectUris: options.redirectUris ?? [],
    autoApprove: options.autoApprove ?? false,
    install: {
      account: { ...defaultHubspotAccount, ...options.account },
      user: { ...defaultHubspotUser, ...options.user },
      hubDomain: options.hubDomain ?? 'weft.test',
    },
    accessTokenTtl: options.accessTokenTtlSeconds ?? 1800,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    rolling: new RollingWindowLimiter(core.now, limits.max ?? 100, limits.intervalMs ?? 10_000),
    daily: new FixedWindowLimiter(core.now, limits.daily ?? 250_000, 24 * 60 * 60 * 1000),
    searchLimiter: new RollingWindowLimiter(core.now, limits.searchPerSecond ?? 5, 1000),
    crm: new CrmStore(core.now, options.seed ?? true),
    customProperties: options.customProperties ?? {},
  };
}

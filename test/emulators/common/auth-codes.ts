import type { Clock } from './clock';
import { verifyPkce } from './pkce';

/** What the user approved, frozen at approval time and handed back when the code is redeemed. */
export interface AuthorizationGrant<Account> {
  clientId: string;
  /** The redirect_uri sent to the authorize page, or null when the registered default was used. */
  redirectUri: string | null;
  scopes: string[];
  account: Account;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
}

export type RedeemFailure = 'unknown' | 'used' | 'expired' | 'client_mismatch' | 'redirect_mismatch' | 'pkce_failed';

export type RedeemResult<Account> = { ok: true; grant: AuthorizationGrant<Account> } | { ok: false; reason: RedeemFailure };

interface StoredCode<Account> {
  grant: AuthorizationGrant<Account>;
  expiresAt: number;
  used: boolean;
}

/** All three providers document a 10-minute code lifetime (GitHub explicitly; HubSpot and Slack "short"). */
export const CODE_TTL_MS = 10 * 60 * 1000;

/**
 * Authorization codes: single use, short-lived, bound to client, redirect_uri and PKCE
 * challenge. A redemption attempt burns the code even when it then fails a check, so a
 * client bug (wrong verifier, wrong redirect) cannot be retried into success.
 */
export class AuthCodeStore<Account> {
  readonly #codes = new Map<string, StoredCode<Account>>();
  readonly #now: Clock;
  readonly #newCode: () => string;

  constructor(now: Clock, newCode: () => string) {
    this.#now = now;
    this.#newCode = newCode;
  }

  issue(grant: AuthorizationGrant<Account>): string {
    const code = this.#newCode();
    this.#codes.set(code, { grant, expiresAt: this.#now() + CODE_TTL_MS, used: false });
    return code;
  }

  /**
   * `redirectUri` is what the token request sent; `requireRedirectUri` makes omitting it a
   * mismatch (HubSpot); `redirectAllowed` is the app's registered-URL rule, so a redirect_uri
   * sent only here (the authorize request used the default) must still be one the app registered.
   */
  redeem(
    code: string | undefined,
    check: {
      clientId: string;
      redirectUri: string | undefined;
      codeVerifier: string | undefined;
      requireRedirectUri?: boolean;
      redirectAllowed: (uri: string) => boolean;
    },
  ): RedeemResult<Account> {
    const stored = code === undefined ? undefined : this.#codes.get(code);
    if (!stored) return { ok: false, reason: 'unknown' };
    if (stored.used) return { ok: false, reason: 'used' };
    stored.used = true;
    const { grant } = stored;
    if (this.#now() > stored.expiresAt) return { ok: false, reason: 'expired' };
    if (grant.clientId !== check.clientId) return { ok: false, reason: 'client_mismatch' };
    const sentRedirect = check.redirectUri ?? (check.requireRedirectUri ? '' : grant.redirectUri);
    if (grant.redirectUri !== null && sentRedirect !== grant.redirectUri) return { ok: false, reason: 'redirect_mismatch' };
    if (sentRedirect !== null && !check.redirectAllowed(sentRedirect)) return { ok: false, reason: 'redirect_mismatch' };
    if (grant.codeChallenge !== null && !verifyPkce(grant.codeChallenge, grant.codeChallengeMethod ?? 'plain', check.codeVerifier)) {
      return { ok: false, reason: 'pkce_failed' };
    }
    return { ok: true, grant };
  }
}

import type { Hono } from 'hono';
import type { Clock } from './clock';
import type { EmulatorStats } from './stats';

/** Options every emulator takes; each provider adds its own account and rate-limit knobs. */
export interface EmulatorOptions {
  /** The one OAuth client the emulator knows. Defaults to '<provider>-client-id'. */
  clientId?: string;
  /** Defaults to '<provider>-client-secret'. */
  clientSecret?: string;
  /** Lifetime of OAuth access tokens. GitHub: set it to get expiring ghu_/ghr_ GitHub App user tokens. */
  accessTokenTtlSeconds?: number;
  /**
   * The app's registered redirect (callback) URLs, as in the provider's app settings. The
   * authorize and token endpoints refuse any other redirect_uri by the provider's rule
   * (GitHub: a subdirectory of the callback on its host; HubSpot, Slack: exact), and with
   * none registered no authorization can succeed. Weft's is `<public URL>/oauth/<id>/callback`.
   */
  redirectUris?: string[];
  /** The app name the consent page shows. Defaults to 'Weft'. */
  appName?: string;
  /** Skip the consent page and approve at once, as GitHub does for an app the user already authorized. */
  autoApprove?: boolean;
  /** Injectable clock (ms) for expiry and rate-limit tests. */
  now?: Clock;
  /**
   * A JSON file that keeps the issued tokens across restarts: loaded at creation, written
   * after every change (common/state-file.ts). `npm run demo` sets it; tests leave it out.
   */
  stateFile?: string;
}

/** The test-facing controls every emulator exposes, in process and over `/_emulator/`. */
export interface EmulatorControls<IssueOptions> {
  stats: EmulatorStats;
  /** Mints a credential directly (GitHub PAT, HubSpot private-app token, Slack bot token). */
  issueToken(options?: IssueOptions): string;
  /**
   * Every credential issued, access and refresh, through OAuth or minted directly, live or
   * not, oldest first: what a leak scan looks for, and what a test calls the API with to
   * prove a token it never saw (a discarded grant's) is dead.
   */
  issuedTokens(): { value: string; type: 'access' | 'refresh' }[];
  /** Every access token issued so far becomes expired; APIs answer as for an expired token. */
  expireAccessTokens(): void;
  /** Every refresh token issued so far is revoked; the next refresh fails (invalid grant). */
  revokeRefreshTokens(): void;
  /** The next `count` (default 1) requests whose path starts with `pathPrefix` answer `status`. */
  failNext(pathPrefix: string, status: number, count?: number): void;
  /** Zeroes `stats` in place. */
  resetStats(): void;
}

export interface Emulator<IssueOptions> extends EmulatorControls<IssueOptions> {
  /** One app serving the provider's web (login/consent) and API paths on one origin. */
  app: Hono;
}

import type { ProviderSettings } from '../config';
import type { CredentialPlacement, Provider } from '../../shared/providers/schema';
import type { UrlResolver } from './urls';

/** Everything an adapter needs to talk to its provider, built per call. */
export interface ProviderContext {
  provider: Provider;
  settings: ProviderSettings;
  resolve: UrlResolver;
  fetch: typeof fetch;
  /** How this connection's credential is sent: bearer for OAuth tokens, the catalog's placement for keys. */
  placement: CredentialPlacement;
}

/** Whose account a credential belongs to, and what it may do. */
export interface AccountInfo {
  id: string;
  label: string;
  /** Scopes the provider reports for this token, when it reports them. */
  scopes?: string[];
}

/**
 * A provider's wire-format knowledge for connections. Generic behaviour comes from the
 * catalog (`generic.ts`); a provider folder overrides only what differs.
 */
export interface ProviderAdapter {
  /** Proves the credential works; throws ProviderError otherwise. */
  identify(ctx: ProviderContext, token: string): Promise<AccountInfo>;
  /**
   * Revokes at the provider: resolves true only when the provider confirmed it, false when
   * it has no way to revoke this credential; throws ProviderError when it refused or did not
   * confirm (an unknown or already dead token), so nobody is told access was revoked when it was not.
   */
  revoke?(ctx: ProviderContext, tokens: { accessToken: string; refreshToken: string | null }): Promise<boolean>;
  /**
   * Rewrites a token-endpoint response into RFC 6749 shape before oauth4webapi reads it
   * (GitHub and Slack answer errors with HTTP 200).
   */
  normalizeTokenResponse?(response: Response): Promise<Response>;
  /** Non-standard token types the provider returns (Slack: "bot"). */
  extraTokenTypes?: string[];
}

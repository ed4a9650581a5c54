import { oauthResultPath, readOAuthResult, type OAuthFailure } from '@@/shared/protocol';
import { joinUrl } from './server-url';

export type OAuthTabDecision =
  /** Still on the provider's pages (or anywhere else): keep watching. */
  | { action: 'wait' }
  /** The provider granted access: the server holds it until this user's extension claims it. */
  | { action: 'claim'; grant: string; provider: string | null }
  /** The flow failed, by code (the tab stays open with the server's explanation). */
  | { action: 'finish'; provider: string; status: OAuthFailure };

/**
 * What to do with a tab that navigated to `url`. Pure, so every redirect the server can
 * make is tested without a browser. The URL carries codes only; any text in the query
 * is ignored, since a page can send a tab anywhere on the server's origin.
 *
 * @example decideOAuthTab('http://localhost:8787/oauth/result?grant=g1&provider=github', 'http://localhost:8787', 'github')
 * // {action: 'claim', grant: 'g1', provider: 'github'}
 */
export function decideOAuthTab(
  url: string | undefined,
  serverUrl: string,
  pendingProvider: string | undefined,
): OAuthTabDecision {
  if (!url || !URL.canParse(url)) return { action: 'wait' };
  const seen = new URL(url);
  const expected = new URL(joinUrl(serverUrl, oauthResultPath));
  if (seen.origin !== expected.origin || seen.pathname.replace(/\/+$/, '') !== expected.pathname) {
    return { action: 'wait' };
  }
  // Read as the server's result page reads it: success is never a code, only a grant to claim.
  const result = readOAuthResult(seen.searchParams);
  if ('grant' in result) return { action: 'claim', grant: result.grant, provider: pendingProvider ?? result.provider };
  return { action: 'finish', provider: pendingProvider ?? result.provider ?? 'weft', status: result.status };
}

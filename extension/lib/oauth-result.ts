import { oauthResultPath, type OAuthOutcome } from '@@/shared/protocol';
import type { OAuthOutcomeRecord, PendingOAuth } from './settings';
import { joinUrl } from './server-url';

export type OAuthTabDecision =
  /** Still on the provider's pages (or anywhere else): keep watching. */
  | { action: 'wait' }
  /** The server's result page: record the outcome; close the tab only on success. */
  | { action: 'finish'; closeTab: boolean; outcome: OAuthOutcomeRecord };

const outcomes: readonly OAuthOutcome[] = ['connected', 'denied', 'invalid_state', 'exchange_failed', 'error'];

/** Used when the server's redirect carries no message; the page itself says more. */
const fallbackMessages: Record<OAuthOutcome, string> = {
  connected: 'Connected.',
  denied: 'You denied access, so nothing was connected.',
  invalid_state: 'The sign-in link expired or was already used. Start again from the popup.',
  exchange_failed: 'The provider did not hand over a token. Try again.',
  error: 'Connecting failed. The tab that opened explains why.',
};

/**
 * What to do with a watched consent tab that navigated to `url`. Pure, so every redirect
 * the server can make is tested without a browser.
 *
 * @example decideOAuthTab('http://localhost:8787/oauth/result?status=connected&provider=github', 'http://localhost:8787', pending)
 * // {action: 'finish', closeTab: true, outcome: {provider: 'github', status: 'connected', …}}
 */
export function decideOAuthTab(
  url: string | undefined,
  serverUrl: string,
  pending: PendingOAuth,
  now: number = Date.now(),
): OAuthTabDecision {
  if (!url || !URL.canParse(url)) return { action: 'wait' };
  const seen = new URL(url);
  const expected = new URL(joinUrl(serverUrl, oauthResultPath));
  if (seen.origin !== expected.origin || seen.pathname.replace(/\/+$/, '') !== expected.pathname) {
    return { action: 'wait' };
  }
  const raw = seen.searchParams.get('status');
  // An unknown status is a failure: never close a tab whose page we did not understand.
  const status = outcomes.find((o) => o === raw) ?? 'error';
  const message = seen.searchParams.get('message')?.trim() || fallbackMessages[status];
  const provider = seen.searchParams.get('provider') || pending.provider;
  return { action: 'finish', closeTab: status === 'connected', outcome: { provider, status, message, at: now } };
}

import type { OAuthOutcome } from './oauth-result';

/**
 * The one sentence each OAuth outcome gets, on the server's result page and in the
 * extension's banner alike. Only these texts are ever shown for a code from a URL: the
 * query is the attacker's to write, so it picks a message, never supplies one.
 *
 * @example oauthOutcomeMessage('denied', 'GitHub')
 * // 'You declined to give Weft access to GitHub, so nothing was connected. …'
 */
export function oauthOutcomeMessage(outcome: OAuthOutcome, providerName: string): string {
  switch (outcome) {
    case 'connected':
      return `${providerName} is connected.`;
    case 'denied':
      return `You declined to give Weft access to ${providerName}, so nothing was connected. Start again from the Weft popup if that was a mistake.`;
    case 'invalid_state':
      return `This ${providerName} sign-in link expired (they last 10 minutes), was already used, or did not come from Weft. Nothing was stored; start again from the Weft popup.`;
    case 'exchange_failed':
      return `${providerName} did not hand over access, so nothing was stored. Try connecting again from the Weft popup.`;
    default:
      return `Connecting ${providerName} did not work, and nothing was stored. Start again from the Weft popup.`;
  }
}

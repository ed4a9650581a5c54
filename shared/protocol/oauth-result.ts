/**
 * Where the server's OAuth callback lands the browser. A consent the provider granted
 * lands on `/oauth/result?grant=<id>&provider=<id>`: the tokens wait there, unstored, until the
 * extension of the same Weft user claims them (`POST /api/connections/claim`). Anything
 * else lands on `/oauth/result?status=<outcome>&provider=<id>`. The query carries codes
 * only, never text: the page and the extension each show their own message for a code.
 * The server writes it with `oauthResultUrl`; its result page and the extension read it
 * with `readOAuthResult`.
 */
export const oauthResultPath = '/oauth/result';
export const oauthOutcomes = ['connected', 'denied', 'invalid_state', 'exchange_failed', 'error'] as const;
export type OAuthOutcome = (typeof oauthOutcomes)[number];
export type OAuthFailure = Exclude<OAuthOutcome, 'connected'>;

/** What a result URL says: a grant to claim, or a failure's code; and the provider, when named. */
export type OAuthResult = { grant: string; provider: string | null } | { status: OAuthFailure; provider: string | null };

/**
 * The result page's path and query for a callback's outcome.
 *
 * @example oauthResultUrl({ grant: 'g1', provider: 'github' }) // '/oauth/result?grant=g1&provider=github'
 */
export function oauthResultUrl(result: OAuthResult): string {
  const query: Record<string, string> = 'grant' in result ? { grant: result.grant } : { status: result.status };
  if (result.provider) query.provider = result.provider;
  return `${oauthResultPath}?${new URLSearchParams(query)}`;
}

/**
 * Reads a result URL's query. Success is never a code in the URL, only a grant to claim;
 * an unknown code (or `connected`) reads as `error`: a page can send a tab anywhere on the
 * server's origin, so the query picks among known codes and never supplies text.
 *
 * @example readOAuthResult(new URLSearchParams('status=denied&provider=github')) // { status: 'denied', provider: 'github' }
 */
export function readOAuthResult(query: URLSearchParams): OAuthResult {
  const provider = query.get('provider') || null;
  const grant = query.get('grant');
  if (grant) return { grant, provider };
  const raw = query.get('status');
  const status = oauthOutcomes.find((o): o is OAuthFailure => o === raw && o !== 'connected') ?? 'error';
  return { status, provider };
}

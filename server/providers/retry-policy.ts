/** How many times a provider call is tried in all before its error reaches the user. */
export const MAX_ATTEMPTS = 4;
/** No single wait is longer than this; a provider asking for more gets a clear error instead. */
export const MAX_WAIT_MS = 30_000;

/**
 * How long to wait before retrying, or null when the answer is final. 429 and 5xx (and
 * GitHub's 403 rate-limit answers) are retried: `Retry-After` (seconds) or GitHub's
 * `x-ratelimit-reset` (epoch seconds) when given, else exponential backoff with full jitter
 * so many clients retrying at once do not stampede.
 */
export function retryDelayMs(
  status: number | 'network',
  headers: Headers | null,
  attempt: number,
  random = Math.random,
  { maxAttempts = MAX_ATTEMPTS, maxWaitMs = MAX_WAIT_MS }: { maxAttempts?: number; maxWaitMs?: number } = {},
): number | null {
  const rateLimited =
    status === 429 || (status === 403 && (headers?.get('x-ratelimit-remaining') === '0' || headers?.has('retry-after')));
  if (!(status === 'network' || rateLimited || (typeof status === 'number' && status >= 500))) return null;
  if (attempt >= maxAttempts) return null;
  const retryAfter = Number(headers?.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers?.has('retry-after')) return Math.min(retryAfter * 1000, maxWaitMs);
  const reset = Number(headers?.get('x-ratelimit-reset'));
  if (rateLimited && Number.isFinite(reset) && reset > 0) return Math.min(Math.max(reset * 1000 - Date.now(), 0), maxWaitMs);
  return Math.round(random() * Math.min(250 * 2 ** attempt, maxWaitMs));
}

/**
 * Slack's Web API answers errors as HTTP 200 `{ ok: false, error }`; only rate limiting
 * (429 + Retry-After) and outages change the status.
 * https://docs.slack.dev/apis/web-api/#evaluating-responses
 */
export function slackError(error: string, extra: Record<string, unknown> = {}) {
  return { ok: false as const, error, ...extra };
}

/** What a failNext rule answers: `ratelimited` with Retry-After for 429, else an internal error. */
export function slackFailure(status: number): Response {
  if (status === 429) {
    // Real Retry-After values are often 30+ s; 1 s keeps a client that honours it fast in tests.
    return Response.json(slackError('ratelimited'), { status, headers: { 'retry-after': '1' } });
  }
  return Response.json(slackError(status >= 500 ? 'internal_error' : 'fatal_error'), { status });
}

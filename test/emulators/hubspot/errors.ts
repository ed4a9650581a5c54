import { randomUUID } from 'node:crypto';

/**
 * HubSpot's error bodies. OAuth endpoints (v1 and 2026-03) answer HTTP 400 with the RFC 6749
 * fields next to HubSpot's legacy `status`/`message`, per the changelog "New OAuth v3 API
 * endpoints and standardized error responses"; APIs answer `{status:'error', category}`.
 */

const OAUTH_ERRORS = {
  BAD_CLIENT_ID: ['invalid_client', 'missing or unknown client id'],
  BAD_CLIENT_SECRET: ['invalid_client', 'missing or invalid client secret'],
  BAD_REDIRECT_URI: ['invalid_grant', 'redirect_uri does not match initial redirect_uri'],
  BAD_AUTH_CODE: ['invalid_grant', 'missing or unknown auth code'],
  BAD_REFRESH_TOKEN: ['invalid_grant', 'refresh token is invalid, expired or revoked'],
  BAD_GRANT_TYPE: ['unsupported_grant_type', 'grant_type must be one of authorization_code, refresh_token'],
} as const;

export type HubspotOAuthError = keyof typeof OAUTH_ERRORS;

export function oauthError(status: HubspotOAuthError) {
  const [error, message] = OAUTH_ERRORS[status];
  return { status, message, correlationId: randomUUID(), error, error_description: message };
}

const NO_CREDENTIALS =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function invalidAuthentication(message = NO_CREDENTIALS) {
  return { status: 'error', message, correlationId: randomUUID(), category: 'INVALID_AUTHENTICATION' };
}

export function expiredAuthentication(expiredAt: number, now: number) {
  const seconds = Math.max(0, Math.round((now - expiredAt) / 1000));
  return {
    status: 'error',
    message: `The OAuth token used to make this call expired ${seconds} second(s) ago.`,
    correlationId: randomUUID(),
    category: 'EXPIRED_AUTHENTICATION',
    context: { 'expire time': [new Date(expiredAt).toISOString()] },
  };
}

export type RatePolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY';

export function rateLimitError(policy: RatePolicy) {
  return {
    status: 'error',
    message: policy === 'DAILY' ? 'You have reached your daily limit.' : 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName: policy,
    requestId: randomUUID(),
  };
}

/** What a failNext rule answers: a rolling-limit 429, or HubSpot's generic error shape. */
export function hubspotFailure(status: number): Response {
  if (status === 429) {
    return Response.json(rateLimitError('TEN_SECONDLY_ROLLING'), {
      status,
      headers: { 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '0' },
    });
  }
  const body = { status: 'error', message: status >= 500 ? 'internal error' : 'request failed', correlationId: randomUUID(), category: status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR' };
  return Response.json(body, { status });
}

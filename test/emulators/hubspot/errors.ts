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

/** SECONDLY is the CRM search endpoints' own per-second policy. */
export type RatePolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';

const RATE_MESSAGES: Record<RatePolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  DAILY: 'You have reached your daily limit.',
  SECONDLY: 'You have reached your secondly limit.',
};

export function rateLimitError(policy: RatePolicy) {
  return {
    status: 'error',
    message: RATE_MESSAGES[policy],
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName: policy,
    requestId: randomUUID(),
  };
}

/**
 * What a failNext rule answers: a rolling-limit 429 with `Retry-After`, or HubSpot's generic
 * error shape. A real rolling window can ask for up to 10 s; 1 s keeps a client that honours it fast in tests.
 */
export function hubspotFailure(status: number): Response {
  if (status === 429) {
    return Response.json(rateLimitError('TEN_SECONDLY_ROLLING'), {
      status,
      headers: { 'retry-after': '1', 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '0' },
    });
  }
  const body = { status: 'error', message: status >= 500 ? 'internal error' : 'request failed', correlationId: randomUUID(), category: status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR' };
  return Response.json(body, { status });
}

/** The CRM APIs' error body: `{ status: 'error', message, correlationId, category }` plus extras. */
export function crmError(category: string, message: string, extra: Record<string, unknown> = {}) {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

/** The revoke endpoint's refusal of a token it cannot revoke, in the shape its reference page documents. */
export const invalidRefreshToken = () => crmError('VALIDATION_ERROR', 'Invalid refresh token: it is unknown, expired or already revoked.');

export const objectNotFound = () => crmError('OBJECT_NOT_FOUND', 'resource not found');

/** 409 on a second contact with the same email: the message names the existing record. */
export const contactConflict = (existingId: string) => crmError('CONFLICT', `Contact already exists. Existing ID: ${existingId}`);

export interface PropertyProblem {
  name: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'READ_ONLY_VALUE' | 'INVALID_OPTION' | 'INVALID_EMAIL' | 'MISSING_REQUIRED_PROPERTY' | 'INVALID_INTEGER' | 'INVALID_DATE';
  message: string;
}

/** 400 VALIDATION_ERROR whose message embeds the per-property results as JSON, as HubSpot does. */
export function propertyValuesInvalid(problems: PropertyProblem[]) {
  const results = problems.map((p) => ({ isValid: false, message: p.message, error: p.error, name: p.name, localizedErrorMessage: p.message }));
  return crmError('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(results)}`);
}

/** 400 for associations to records that do not exist, with HubSpot's `context`. */
export function invalidAssociations(refs: { type: string; id: string }[]) {
  return crmError('VALIDATION_ERROR', 'One or more associations are invalid', {
    context: {
      INVALID_OBJECT_IDS: refs.map((r) => `${r.type}=${r.id} is not valid`),
      objectId: refs.map((r) => r.id),
      objectType: [...new Set(refs.map((r) => r.type))],
    },
  });
}

export const invalidInput = (message: string) => crmError('VALIDATION_ERROR', message);

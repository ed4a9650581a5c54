/**
 * GitHub's error bodies, verbatim in shape. REST errors carry `status` as a string since
 * 2024; token-endpoint errors are OAuth-style and always HTTP 200.
 * https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors
 */

const REST_DOCS = 'https://docs.github.com/rest';
const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

export function restError(status: number, message: string, documentationUrl = REST_DOCS) {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

export const badCredentials = () => restError(401, 'Bad credentials');

export const requiresAuthentication = () =>
  restError(401, 'Requires authentication', 'https://docs.github.com/rest/users/users#get-the-authenticated-user');

export const primaryRateLimit = (status: number, userId: number, requestId: string) =>
  restError(
    status,
    `API rate limit exceeded for user ID ${userId}. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    RATE_LIMIT_DOCS,
  );

const TROUBLESHOOTING = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';

const TOKEN_ERRORS = {
  incorrect_client_credentials: ['The client_id and/or client_secret passed are incorrect.', `${TROUBLESHOOTING}/#incorrect-client-credentials`],
  redirect_uri_mismatch: [
    'The redirect_uri MUST match the registered callback URL for this application.',
    'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch2',
  ],
  bad_verification_code: ['The code passed is incorrect or expired.', `${TROUBLESHOOTING}/#bad-verification-code`],
  bad_refresh_token: ['The refresh token passed is incorrect or expired.', `${TROUBLESHOOTING}/#bad-refresh-token`],
  unsupported_grant_type: ['The grant type is not supported.', TROUBLESHOOTING],
} as const;

export type GithubTokenError = keyof typeof TOKEN_ERRORS;

export function tokenError(error: GithubTokenError) {
  const [description, uri] = TOKEN_ERRORS[error];
  return { error, error_description: description, error_uri: uri };
}

/**
 * What a failNext rule answers. 403/429 look like GitHub's secondary rate limit (the one
 * that sends `retry-after`); 5xx like its JSON server errors.
 */
export function githubFailure(status: number): Response {
  if (status === 403 || status === 429) {
    const body = restError(
      status,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
    );
    // Real secondary limits often say 60 s; 1 s keeps a client that honours it fast in tests.
    return Response.json(body, { status, headers: { 'retry-after': '1' } });
  }
  const message = status >= 500 ? 'Server Error' : (STATUS_TEXT[status] ?? 'Error');
  return Response.json(restError(status, message), { status });
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Bad credentials', 404: 'Not Found', 409: 'Conflict', 422: 'Validation Failed' };

/** The reference page each data endpoint names in `documentation_url`. */
export const DOCS = {
  createIssue: 'https://docs.github.com/rest/issues/issues#create-an-issue',
  getIssue: 'https://docs.github.com/rest/issues/issues#get-an-issue',
  updateIssue: 'https://docs.github.com/rest/issues/issues#update-an-issue',
  createComment: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  addLabels: 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue',
  removeLabel: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
  addAssignees: 'https://docs.github.com/rest/issues/assignees#add-assignees-to-an-issue',
  removeAssignees: 'https://docs.github.com/rest/issues/assignees#remove-assignees-from-an-issue',
  searchIssues: 'https://docs.github.com/rest/search/search#search-issues-and-pull-requests',
  userRepos: 'https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user',
  getRepo: 'https://docs.github.com/rest/repos/repos#get-a-repository',
} as const;

export interface ValidationItem {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field: string;
  value?: unknown;
  message?: string;
}

/** 422 for a well-formed request whose values fail validation (a blank title, an unknown state). */
export const validationFailed = (documentationUrl: string, errors: ValidationItem[]) => ({
  message: 'Validation Failed',
  errors,
  documentation_url: documentationUrl,
  status: '422',
});

/** 422 for a request that fails the endpoint's JSON schema (a required key absent, a wrong type). */
export const invalidRequest = (documentationUrl: string, detail: string) => restError(422, `Invalid request.\n\n${detail}`, documentationUrl);

export const problemsParsingJson = (documentationUrl: string) => restError(400, 'Problems parsing JSON', documentationUrl);

/** The content-creation flavour of the secondary limit, as GitHub words it. */
export const contentCreationLimit = (status: number, requestId: string) =>
  restError(
    status,
    `You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
  );

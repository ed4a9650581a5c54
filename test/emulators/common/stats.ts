/** Counters a test reads to prove what the server did, e.g. "refreshed exactly once". */
export interface EmulatorStats {
  /** Calls to the token endpoint by grant_type, successful or not. */
  tokenRequests: { authorization_code: number; refresh_token: number; other: number };
  /** Token endpoint calls that answered with an error. */
  tokenErrors: number;
  /**
   * Successful revocations: a live token this app was issued, dead afterwards. A call the
   * provider refuses (unknown, expired or already revoked token, wrong app) is not counted;
   * it is in `requests` with its status.
   */
  revocations: number;
  /** Calls to the identity endpoint (GitHub /user, HubSpot account-info, Slack auth.test). */
  identityCalls: number;
  /** Authenticated API calls, identity included. */
  apiCalls: number;
  /** Requests refused with 401 (or Slack's ok:false auth errors). */
  authFailures: number;
  authorizePageViews: number;
  approvals: number;
  denials: number;
  /** Requests refused by a rate limit. */
  rateLimited: number;
  /** Requests answered by a failNext rule. */
  injectedFailures: number;
  /** Every provider request (not /_emulator) in order, for assertions on call sequences. */
  requests: { method: string; path: string; status: number }[];
}

export function createStats(): EmulatorStats {
  return {
    tokenRequests: { authorization_code: 0, refresh_token: 0, other: 0 },
    tokenErrors: 0,
    revocations: 0,
    identityCalls: 0,
    apiCalls: 0,
    authFailures: 0,
    authorizePageViews: 0,
    approvals: 0,
    denials: 0,
    rateLimited: 0,
    injectedFailures: 0,
    requests: [],
  };
}

/** Zeroes the counters in place, so references a test already holds stay live. */
export function resetStats(stats: EmulatorStats): void {
  Object.assign(stats, createStats());
}

export function countTokenRequest(stats: EmulatorStats, grantType: string): void {
  if (grantType === 'authorization_code' || grantType === 'refresh_token') stats.tokenRequests[grantType]++;
  else stats.tokenRequests.other++;
}

import { createHmac } from 'node:crypto';
import { checkTimestamp, refuse, safeEqual, verified, type VerifyResult } from '../../hooks/verify-result';

const HEADER = 'X-Slack-Signature';
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
/** Slack's documented replay window. */
const TOLERANCE_S = 300;

/**
 * Checks Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`
 * keyed with the app's signing secret, and refuses timestamps more than 5 minutes off.
 * The timestamp is checked first, as Slack's guide does, so a replayed request is refused
 * even when its signature is genuine. `nowMs` is injected so tests can use Slack's vector.
 * https://api.slack.com/authentication/verifying-requests-from-slack
 *
 * @example verifySlackSignature({ signingSecret, rawBody, timestampHeader: c.req.header('x-slack-request-timestamp'), signatureHeader: c.req.header('x-slack-signature'), nowMs: Date.now() })
 */
export function verifySlackSignature(opts: {
  signingSecret: string;
  rawBody: string;
  timestampHeader: string | undefined;
  signatureHeader: string | undefined;
  nowMs: number;
}): VerifyResult {
  const { signingSecret, rawBody, timestampHeader, signatureHeader, nowMs } = opts;
  if (!signingSecret) throw new Error('WEFT_SLACK_SIGNING_SECRET is empty; refusing to verify Slack requests without it.');
  if (!signatureHeader) return refuse('missing_signature', `${HEADER} is missing; Slack signs every request, so this one did not come from Slack.`);
  const fresh = checkTimestamp({ header: 'X-Slack-Request-Timestamp', value: timestampHeader, unit: 's', nowMs, toleranceS: TOLERANCE_S });
  if (!fresh.ok) return fresh;
  if (!SIGNATURE.test(signatureHeader)) {
    return refuse('bad_signature', `${HEADER} is malformed; expected "v0=" followed by 64 lowercase hex digits.`);
  }
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampHeader}:${rawBody}`).digest('hex')}`;
  if (safeEqual(signatureHeader, expected)) return verified;
  return refuse('bad_signature', `${HEADER} does not match the body signed with WEFT_SLACK_SIGNING_SECRET. Copy the Signing Secret from the app's Basic Information page (not the client secret or a token).`);
}

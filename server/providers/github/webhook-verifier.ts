import { verify } from '@octokit/webhooks-methods';
import { refuse, verified, type VerifyResult } from '../../hooks/verify-result';

const HEADER = 'X-Hub-Signature-256';
/** GitHub sends lowercase hex; anything else (the legacy `sha1=` header value, empty) is not ours to check. */
const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>` with Octokit's
 * constant-time `verify`. `rawBody` must be the bytes GitHub sent, decoded as UTF-8 and
 * never re-serialized: re-encoding JSON changes the bytes and breaks the signature.
 * https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 *
 * @example await verifyGithubSignature({ secret, rawBody: await c.req.text(), signatureHeader: c.req.header('x-hub-signature-256') })
 */
export async function verifyGithubSignature(opts: {
  secret: string;
  rawBody: string;
  signatureHeader: string | undefined;
}): Promise<VerifyResult> {
  const { secret, rawBody, signatureHeader } = opts;
  // An empty secret would make every signature forgeable: a configuration error, not a request error.
  if (!secret) throw new Error('WEFT_GITHUB_WEBHOOK_SECRET is empty; refusing to verify GitHub webhooks without it.');
  if (!signatureHeader) {
    return refuse('missing_signature', `${HEADER} is missing. Set a secret on the GitHub webhook (the same value as WEFT_GITHUB_WEBHOOK_SECRET) so GitHub signs its deliveries.`);
  }
  if (!SIGNATURE.test(signatureHeader)) {
    return refuse('bad_signature', `${HEADER} is malformed; expected "sha256=" followed by 64 lowercase hex digits.`);
  }
  // Octokit's verify throws on an empty payload; GitHub never sends one, so it cannot match.
  if (rawBody && (await verify(secret, rawBody, signatureHeader))) return verified;
  return refuse('bad_signature', `${HEADER} does not match the body signed with WEFT_GITHUB_WEBHOOK_SECRET. Check that the GitHub webhook's secret is the same value, and that the body reaches the server unmodified.`);
}

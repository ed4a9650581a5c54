import { createHash, createHmac } from 'node:crypto';
import { checkTimestamp, refuse, safeEqual, verified, type VerifyResult } from '../../hooks/verify-result';

const V3_HEADER = 'X-HubSpot-Signature-v3';
/** 32 bytes of HMAC in base64: 43 characters and one `=`. */
const V3_SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;
const V1_SIGNATURE = /^[0-9a-f]{64}$/;
/** HubSpot refuses nothing older than 5 minutes; we also refuse 5 minutes ahead (a future stamp would stay replayable). */
const TOLERANCE_S = 300;
const SECRET_HINT = "Use the app's client secret (WEFT_HUBSPOT_CLIENT_SECRET), not a private-app token.";

/**
 * HubSpot signs the URI with exactly these escapes decoded, and no others (`%20` stays).
 * Hex digits are matched case-insensitively because proxies may lowercase them.
 * https://developers.hubspot.com/docs/api/webhooks/validating-requests
 */
const DECODED: Record<string, string> = {
  '3A': ':', '2F': '/', '3F': '?', '40': '@', '21': '!', '24': '$',
  '27': "'", '28': '(', '29': ')', '2A': '*', '2C': ',', '3B': ';',
};
const ESCAPE = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

function decodeHubspotUri(uri: string): string {
  return uri.replace(ESCAPE, (_, hex: string) => DECODED[hex.toUpperCase()]!);
}

/**
 * The v3 signature: base64 HMAC-SHA256(client secret, method + decoded URI + raw body + timestamp).
 * `uri` is the full URL HubSpot called (scheme, host, path, query); `timestamp` in milliseconds.
 *
 * @example hubspotSignatureV3({ clientSecret, method: 'POST', uri: 'https://www.example.com/webhook_uri', rawBody, timestamp: Date.now() })
 */
export function hubspotSignatureV3(opts: {
  clientSecret: string;
  method: string;
  uri: string;
  rawBody: string;
  timestamp: string | number;
}): string {
  const { clientSecret, method, uri, rawBody, timestamp } = opts;
  return createHmac('sha256', clientSecret).update(`${method}${decodeHubspotUri(uri)}${rawBody}${timestamp}`).digest('base64');
}

/**
 * Checks `X-HubSpot-Signature-v3` and `X-HubSpot-Request-Timestamp`. `rawBody` is the body
 * as received: JSON parsed and re-serialized differs in bytes, and then never verifies.
 *
 * @example verifyHubspotSignatureV3({ clientSecret, method: c.req.method, uri: publicUrl + c.req.path + query, rawBody, timestampHeader, signatureHeader, nowMs: Date.now() })
 */
export function verifyHubspotSignatureV3(opts: {
  clientSecret: string;
  method: string;
  uri: string;
  rawBody: string;
  timestampHeader: string | undefined;
  signatureHeader: string | undefined;
  nowMs: number;
}): VerifyResult {
  const { clientSecret, signatureHeader, timestampHeader, nowMs } = opts;
  if (!clientSecret) throw new Error('WEFT_HUBSPOT_CLIENT_SECRET is empty; refusing to verify HubSpot webhooks without it.');
  if (!signatureHeader) return refuse('missing_signature', `${V3_HEADER} is missing; only apps using signature v3 are accepted here.`);
  const fresh = checkTimestamp({ header: 'X-HubSpot-Request-Timestamp', value: timestampHeader, unit: 'ms', nowMs, toleranceS: TOLERANCE_S });
  if (!fresh.ok) return fresh;
  if (!V3_SIGNATURE.test(signatureHeader)) return refuse('bad_signature', `${V3_HEADER} is malformed; expected 44 characters of base64.`);
  if (safeEqual(signatureHeader, hubspotSignatureV3({ ...opts, timestamp: timestampHeader! }))) return verified;
  return refuse('bad_signature', `${V3_HEADER} does not match. ${SECRET_HINT} The URI signed is this server's public webhook URL (WEFT_PUBLIC_URL) exactly as configured in HubSpot.`);
}

/**
 * Legacy v1 (`X-HubSpot-Signature`): hex SHA-256 of client secret + raw body. No URI and
 * no timestamp, so a captured request can be replayed forever; kept for old apps only.
 */
export function verifyHubspotSignatureV1(opts: { clientSecret: string; rawBody: string; signatureHeader: string | undefined }): VerifyResult {
  const { clientSecret, rawBody, signatureHeader } = opts;
  if (!clientSecret) throw new Error('WEFT_HUBSPOT_CLIENT_SECRET is empty; refusing to verify HubSpot webhooks without it.');
  if (!signatureHeader) return refuse('missing_signature', 'X-HubSpot-Signature is missing.');
  if (!V1_SIGNATURE.test(signatureHeader)) return refuse('bad_signature', 'X-HubSpot-Signature is malformed; expected 64 lowercase hex digits.');
  const expected = createHash('sha256').update(clientSecret + rawBody).digest('hex');
  if (safeEqual(signatureHeader, expected)) return verified;
  return refuse('bad_signature', `X-HubSpot-Signature does not match the body. ${SECRET_HINT}`);
}

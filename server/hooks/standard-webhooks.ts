import { createHmac, randomBytes } from 'node:crypto';
import { checkTimestamp, refuse, safeEqual, verified, type VerifyResult } from './verify-result';

// Implemented on node:crypto rather than with the `standardwebhooks` package: its
// `Webhook#verify` reads `Date.now()` with no way to inject the clock, so neither the
// spec's vector nor the ±300 s window could be tested. The test checks we agree with it.
// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md

const PREFIX = 'whsec_';
const TOLERANCE_S = 300;
const SECRET_HINT = 'Use the whsec_… secret shown when this endpoint was created.';

/** The HMAC key is the base64 after `whsec_`, not the string itself (Stripe's scheme differs here). */
function keyOf(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  if (key.length === 0) throw new Error('The Standard Webhooks secret is empty or not base64; expected whsec_<base64>.');
  return key;
}

function sign(key: Buffer, id: string, timestamp: number | string, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * The value of `webhook-signature` for one key; `timestamp` in Unix seconds, the same
 * value as the `webhook-timestamp` header sent with it.
 *
 * @example signStandardWebhook({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' })
 */
export function signStandardWebhook(opts: { secret: string; id: string; timestamp: number | string; body: string }): string {
  return sign(keyOf(opts.secret), opts.id, opts.timestamp, opts.body);
}

/** A new endpoint secret: `whsec_` + base64 of 24 random bytes (192 bits). */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(24).toString('base64');
}

/**
 * Checks `webhook-signature`, a space-separated list of `<version>,<signature>`: during a key
 * rotation the sender signs with both keys, so any `v1` entry that matches passes, and
 * versions we do not know (`v1a`, asymmetric) are skipped rather than failing the request.
 *
 * @example verifyStandardWebhook({ secret, rawBody, headers: { id: h('webhook-id'), timestamp: h('webhook-timestamp'), signature: h('webhook-signature') }, nowMs: Date.now() })
 */
export function verifyStandardWebhook(opts: {
  secret: string;
  rawBody: string;
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined };
  nowMs: number;
}): VerifyResult {
  const { rawBody, headers, nowMs } = opts;
  // Decoded first so a misconfigured secret throws on every request, not only on well-formed ones.
  const key = keyOf(opts.secret);
  if (!headers.signature) return refuse('missing_signature', `webhook-signature is missing. ${SECRET_HINT}`);
  if (!headers.id) return refuse('missing_signature', 'webhook-id is missing; it is part of the signed content.');
  const fresh = checkTimestamp({ header: 'webhook-timestamp', value: headers.timestamp, unit: 's', nowMs, toleranceS: TOLERANCE_S });
  if (!fresh.ok) return fresh;
  const candidates = headers.signature.split(' ').filter((entry) => entry.startsWith('v1,'));
  if (candidates.length === 0) return refuse('bad_signature', 'webhook-signature has no "v1,<base64>" entry.');
  const expected = sign(key, headers.id, headers.timestamp!, rawBody);
  if (candidates.some((candidate) => safeEqual(candidate, expected))) return verified;
  return refuse('bad_signature', `webhook-signature does not match the body signed with this endpoint's secret. ${SECRET_HINT}`);
}

import { timingSafeEqual } from 'node:crypto';

/**
 * What every webhook verifier answers. `message` is for the developer configuring the
 * webhook, so it names the header and the setting to check; it never carries the secret
 * or the expected signature (either would let a caller forge the next request).
 */
export type VerifyResult =
  | { ok: true }
  | { ok: false; reason: 'missing_signature' | 'bad_signature' | 'stale_timestamp' | 'missing_timestamp'; message: string };

export const verified: VerifyResult = { ok: true };

export function refuse(reason: Exclude<VerifyResult, { ok: true }>['reason'], message: string): VerifyResult {
  return { ok: false, reason, message };
}

/**
 * Constant-time string comparison. `timingSafeEqual` throws on different lengths, and a
 * length mismatch only reveals the signature's length, which every scheme publishes.
 */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Replay protection shared by the timestamped schemes: the header must be a whole number
 * in `unit`, within `toleranceS` of `nowMs` either way. A timestamp far in the future is
 * refused too, or a captured request could be replayed until that time comes.
 *
 * @example checkTimestamp({ header: 'X-Slack-Request-Timestamp', value: '1531420618', unit: 's', nowMs: Date.now(), toleranceS: 300 })
 */
export function checkTimestamp(opts: {
  header: string;
  value: string | undefined;
  unit: 's' | 'ms';
  nowMs: number;
  toleranceS: number;
}): VerifyResult {
  const { header, value, unit, nowMs, toleranceS } = opts;
  if (!value) return refuse('missing_timestamp', `${header} is missing; it is part of the signed content.`);
  if (!/^\d{1,16}$/.test(value)) {
    const inUnit = unit === 's' ? 'seconds' : 'milliseconds';
    return refuse('missing_timestamp', `${header} ${JSON.stringify(value.slice(0, 40))} is not a Unix time in whole ${inUnit}.`);
  }
  const ageMs = nowMs - Number(value) * (unit === 's' ? 1000 : 1);
  const ageS = Math.round(Math.abs(ageMs) / 1000);
  if (ageMs > toleranceS * 1000) {
    return refuse('stale_timestamp', `${header} is ${ageS} s old; requests older than ${toleranceS} s are refused (replay protection). If the sender signed it just now, check this server's clock.`);
  }
  if (-ageMs > toleranceS * 1000) {
    return refuse('stale_timestamp', `${header} is ${ageS} s in the future; requests more than ${toleranceS} s ahead are refused. Check this server's clock (NTP).`);
  }
  return verified;
}

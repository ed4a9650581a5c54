import { randomBytes, randomInt } from 'node:crypto';

/**
 * Credential material from `node:crypto`, never `Math.random`: emulator tokens end up in
 * the server's encrypted store and logs exactly like real ones, so they must not collide
 * across parallel test files.
 */

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** @example randomBase62(36) // 'u7Xq…' — the body of a GitHub `gho_` token */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** @example randomHex(10) // '4f1c…' (20 characters), GitHub's authorization code shape */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** @example randomDigits(11) // '17653672481', Slack's numeric id segments */
export function randomDigits(length: number): string {
  let out = String(randomInt(1, 10));
  for (let i = 1; i < length; i++) out += String(randomInt(10));
  return out;
}

/** @example randomBase64Url(96) — opaque bearer material such as HubSpot access tokens */
export function randomBase64Url(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

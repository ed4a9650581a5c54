import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import type { Logger } from '../lib/log';

/** Decodes a base64 key and insists on 32 bytes; the message names where it came from. */
export function decodeKey(base64: string, source: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `${source} must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`); it decodes to ${key.length} bytes.`,
    );
  }
  return key;
}

/**
 * The vault's current key: `WEFT_SECRET_KEY` when set, else `<dataDir>/secret.key`,
 * generated on first start with mode 0600. Losing that file means losing every stored
 * token, which is why start-up says where it is.
 */
export function loadSecretKey(config: Config, log: Logger): Buffer {
  if (config.secretKey) return decodeKey(config.secretKey, 'WEFT_SECRET_KEY');
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) return decodeKey(readFileSync(file, 'utf8'), file);
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  log.warn('Generated a new secret key for the token vault. Back it up: without it stored tokens cannot be read.', {
    file,
  });
  return key;
}

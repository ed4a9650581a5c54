import { createHash } from 'node:crypto';
import { SECRET_KEY } from '../../lib/log';

/** A step's output is kept whole up to this size (its JSON, in bytes). */
export const MAX_OUTPUT_BYTES = 64 * 1024;

/** Values that are credentials whatever their key: bearer headers and providers' token formats. */
const SECRET_VALUE = /^(Bearer|Basic|token)\s+\S|^(xox[abposr]-|xapp-|gh[pousr]_|github_pat_|pat-[a-z]{2,3}\d?-|sk_(live|test)_|whsec_)/i;

/**
 * A step's rendered input as the run history shows it: values under keys that look like
 * secrets (the log's rule: token, secret, password, authorization, …) and values that
 * look like credentials are replaced by "[redacted]", at any depth.
 */
export function redactInput(value: unknown, depth = 0): unknown {
  if (depth > 64) return '[redacted]';
  if (typeof value === 'string') return SECRET_VALUE.test(value.trim()) ? '[redacted]' : value;
  if (Array.isArray(value)) return value.map((v) => redactInput(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : redactInput(v, depth + 1);
    return out;
  }
  return value;
}

export interface RecordedOutput {
  output: string | null;
  truncated: boolean;
  /** SHA-256 (hex) of the whole output's JSON, when it was truncated. */
  hash: string | null;
}

/**
 * A step's output for its row: its JSON when that is at most 64 KB; else the first 64 KB
 * of that JSON as a JSON string, with the SHA-256 of the whole, so what was cut can
 * still be matched against the provider's copy.
 */
export function recordOutput(output: unknown): RecordedOutput {
  if (output === undefined) return { output: null, truncated: false, hash: null };
  const json = JSON.stringify(output);
  const bytes = Buffer.from(json, 'utf8');
  if (bytes.length <= MAX_OUTPUT_BYTES) return { output: json, truncated: false, hash: null };
  // Cut at a character boundary: a split UTF-8 sequence would decode to U+FFFD.
  const head = new TextDecoder().decode(bytes.subarray(0, MAX_OUTPUT_BYTES)).replace(/\uFFFD$/, '');
  return { output: JSON.stringify(head), truncated: true, hash: createHash('sha256').update(bytes).digest('hex') };
}

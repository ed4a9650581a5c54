import { randomBytes } from 'node:crypto';

/** Random, URL-safe ids with a readable prefix (`usr_…`, `con_…`): 128 bits of entropy. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

export const nowIso = (): string => new Date().toISOString();

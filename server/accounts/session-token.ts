import { createHash, randomBytes } from 'node:crypto';

/**
 * A session's Bearer token and the id it is stored under. The token (32 random bytes)
 * goes to the extension only; the database keeps its SHA-256, so a copy of the database,
 * a backup or a stray WAL file holds no token that signs anyone in. A fast hash is
 * enough here (unlike passwords): the token has 256 bits of entropy, nothing to guess.
 *
 * @example sessionIdOf(newSessionToken()) // 64 hex characters
 */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const sessionIdOf = (token: string): string => createHash('sha256').update(token).digest('hex');

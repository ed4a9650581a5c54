import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock';
import type { StoredToken, TokenStore } from './token-store';

/**
 * Keeps an emulator's issued tokens in a JSON file, so `npm run demo` can be restarted
 * without expiring every connection Weft holds: the emulator loads the file on start and
 * writes it after every change. Only tokens are kept. Authorization codes and pending
 * consent pages live ten minutes, and the seeded data is recreated on every start.
 *
 * Bounded: tokens dead (revoked or expired) for more than a week are dropped, then only
 * the newest `maxTokens` are kept, so a demo restarted every day for a year stays small.
 *
 * @example keepTokensInFile(state.core.tokens, state.core.now, 'data-demo/emulators/github.json')
 */
export function keepTokensInFile<Account>(tokens: TokenStore<Account>, now: Clock, file: string, options: { maxTokens?: number } = {}): void {
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (existsSync(file)) tokens.restore(bounded(readTokens<Account>(file), now(), maxTokens));
  let pending = false;
  tokens.onChange(() => {
    // One write per synchronous burst (an access token, its refresh token, their pairing),
    // still before the event loop turns, so no acknowledged token is ever only in memory.
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      writeTokens(file, bounded(tokens.all(), now(), maxTokens));
    });
  });
}

export const DEFAULT_MAX_TOKENS = 500;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const VERSION = 1;

function bounded<Account>(list: StoredToken<Account>[], now: number, max: number): StoredToken<Account>[] {
  const deadSince = (t: StoredToken<Account>) => t.revokedAt ?? (t.expiresAt !== null && t.expiresAt <= now ? t.expiresAt : null);
  return list
    .filter((t) => {
      const since = deadSince(t);
      return since === null || now - since < WEEK_MS;
    })
    .sort((a, b) => b.issuedAt - a.issuedAt)
    .slice(0, max);
}

function readTokens<Account>(file: string): StoredToken<Account>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`The emulator state file ${file} cannot be read (${(error as Error).message}). Delete it to start the emulator afresh (its connections will need reconnecting).`);
  }
  const tokens = (parsed as { version?: unknown; tokens?: unknown }).tokens;
  if ((parsed as { version?: unknown }).version !== VERSION || !Array.isArray(tokens)) {
    throw new Error(`The emulator state file ${file} is not a version ${VERSION} token list. Delete it to start the emulator afresh.`);
  }
  return tokens as StoredToken<Account>[];
}

/** Write-then-rename: a crash mid-write leaves the previous file, never half of one. */
function writeTokens<Account>(file: string, tokens: StoredToken<Account>[]): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: VERSION, tokens })}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

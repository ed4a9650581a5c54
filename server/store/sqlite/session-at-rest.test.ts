import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import type { AppDeps } from '../../app-context';
import { loadConfig } from '../../config';
import { createLogger } from '../../lib/log';
import { buildDeps } from '../../start';
import { migratedSqlite } from './migrated';
import { sessionIdOf } from '../../accounts/session-token';

const dirs: string[] = [];
let deps: AppDeps | undefined;
afterEach(async () => {
  await deps?.store.close();
  deps = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'weft-sessions-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}

async function start(dataDir: string) {
  deps = await buildDeps({ config: loadConfig({ WEFT_DATA_DIR: dataDir }), log: createLogger(() => {}) });
  const app = createApp(deps);
  return async (method: string, p: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await app.request(p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as any };
  };
}

/** Every byte of the database, its WAL and shared-memory file, as they are on disk now. */
function rawDatabase(dataDir: string): Buffer {
  return Buffer.concat(readdirSync(dataDir).filter((f) => f.startsWith('weft.db')).map((f) => readFileSync(path.join(dataDir, f))));
}

describe('session tokens at rest', () => {
  it('stores only the SHA-256 of each Bearer token: no live token is in the database files', async () => {
    const dataDir = tempDir();
    const call = await start(dataDir);
    const tokens: string[] = [];
    const up = await call('POST', '/api/auth/signup', { email: 'ada@example.com', password: 'violet staple orbit' });
    expect(up.status).toBe(201);
    tokens.push(up.json.token);
    for (let i = 0; i < 3; i++) tokens.push((await call('POST', '/api/auth/signin', { email: 'ada@example.com', password: 'violet staple orbit' })).json.token);
    for (const token of tokens) expect((await call('GET', '/api/auth/me', undefined, token)).status).toBe(200);

    const rows = await deps!.db.selectFrom('user_sessions').select('id').execute();
    expect(rows.map((r) => r.id).sort()).toEqual(tokens.map(sessionIdOf).sort());
    // While the server runs (WAL and -shm present), and after it has closed.
    for (const bytes of [rawDatabase(dataDir), await deps!.store.close().then(() => rawDatabase(dataDir))]) {
      for (const token of tokens) expect(bytes.includes(Buffer.from(token)), 'a Bearer token is in the database files').toBe(false);
    }
    deps = undefined;

    // The stored id is not a credential: presenting it signs nobody in.
    const again = await start(dataDir);
    expect((await again('GET', '/api/auth/me', undefined, sessionIdOf(tokens[0]!))).status).toBe(401);
    expect((await again('GET', '/api/auth/me', undefined, tokens[0])).status).toBe(200);
    expect((await again('POST', '/api/auth/signout', undefined, tokens[0])).status).toBe(200);
    expect((await again('GET', '/api/auth/me', undefined, tokens[0])).status).toBe(401);
    expect((await again('GET', '/api/auth/me', undefined, tokens[1])).status).toBe(200);
  });

  it('migration 004 ends sessions stored as plain tokens and leaves no copy of them in the files', async () => {
    const dataDir = tempDir();
    // A database as the previous version left it: migrations up to 003, sessions whose id is the token.
    mkdirSync(dataDir, { recursive: true });
    const old = await migratedSqlite({ file: path.join(dataDir, 'weft.db'), upTo: '003-action-idempotency' });
    await old.db.insertInto('users').values({ id: 'usr_old', email: 'old@example.com', password_hash: 'x', created_at: '2026-01-01' }).execute();
    const oldTokens = Array.from({ length: 300 }, () => randomBytes(25).toString('hex'));
    const expiresAt = Math.floor(Date.now() / 1000) + 86_400;
    await old.db.insertInto('user_sessions').values(oldTokens.map((id) => ({ id, user_id: 'usr_old', expires_at: expiresAt }))).execute();
    await old.db.destroy();
    expect(rawDatabase(dataDir).includes(Buffer.from(oldTokens[0]!))).toBe(true);

    const call = await start(dataDir);
    const me = await call('GET', '/api/auth/me', undefined, oldTokens[0]);
    expect(me.status).toBe(401);
    expect(me.json.error.message).toBe('Your session has ended. Sign in again.');
    const bytes = rawDatabase(dataDir);
    for (const token of oldTokens) expect(bytes.includes(Buffer.from(token)), 'an old token survived the migration').toBe(false);
  });
});

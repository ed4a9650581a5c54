import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createLogger } from '../lib/log';
import { buildDeps } from '../start';
import type { Engine } from '../store/engine';
import { openStore } from '../store/open';
import { createTestDatabase, forEachEngine } from '../store/testing/engines';
import { tokenAad } from './vault-check';
import { Vault } from './vault';

const quiet = createLogger(() => {});
const b64 = () => randomBytes(32).toString('base64');

const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
});

/**
 * Where a test's data lives across restarts: a data folder (SQLite), or a PostgreSQL
 * database of its own; `start` builds the server's dependencies on it with these keys.
 */
async function dataPlace(engine: Engine) {
  if (engine === 'sqlite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-key-'));
    return { start: (env: Record<string, string>) => buildDeps({ config: loadConfig({ WEFT_DATA_DIR: dataDir, ...env }), log: quiet }) };
  }
  const database = await createTestDatabase();
  drops.push(database.drop);
  return {
    start: async (env: Record<string, string>) =>
      buildDeps({ config: loadConfig(env), log: quiet, store: await openStore({ databaseUrl: database.url, poolSize: 2 }) }),
  };
}

type Place = Awaited<ReturnType<typeof dataPlace>>;

async function seedConnection(place: Place, key: string) {
  const deps = await place.start({ WEFT_SECRET_KEY: key });
  const now = new Date().toISOString();
  await deps.db.insertInto('users').values({ id: 'usr_1', email: 'a@example.com', password_hash: 'x', created_at: now }).execute();
  await deps.db.insertInto('workspaces').values({ id: 'wsp_1', name: 'w', personal: 1, created_at: now }).execute();
  await deps.db
    .insertInto('connections')
    .values({
      id: 'con_1', workspace_id: 'wsp_1', created_by: 'usr_1', provider: 'github', name: 'gh', auth_mode: 'oauth2',
      account_id: '1', account_label: 'octo', scopes: '[]', status: 'active', status_reason: null,
      access_token: deps.vault.seal('gho_access', tokenAad('con_1', 'access_token')),
      refresh_token: deps.vault.seal('ghr_refresh', tokenAad('con_1', 'refresh_token')),
      expires_at: null, created_at: now, updated_at: now, last_used_at: null,
    })
    .execute();
  await deps.store.close();
}

describe('vault key at start-up', () => {
  it('generates a key file with mode 0600 when no key is configured, and reuses it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-key-'));
    const lines: string[] = [];
    const first = await buildDeps({ config: loadConfig({ WEFT_DATA_DIR: dataDir }), log: createLogger((l) => lines.push(l)) });
    const keyId = first.vault.currentKeyId;
    await first.store.close();
    expect(statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).toMatch(/Generated a new secret key/);
    const second = await buildDeps({ config: loadConfig({ WEFT_DATA_DIR: dataDir }), log: quiet });
    expect(second.vault.currentKeyId).toBe(keyId);
    await second.store.close();
  });

  it('rejects a key that is not 32 bytes, naming the variable', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-key-'));
    const short = randomBytes(20).toString('base64');
    await expect(buildDeps({ config: loadConfig({ WEFT_DATA_DIR: dataDir, WEFT_SECRET_KEY: short }), log: quiet })).rejects.toThrow(
      /WEFT_SECRET_KEY must be 32 random bytes/,
    );
  });
});

forEachEngine('vault key against the stored tokens', (engine) => {
  it('stops with a clear message when started with the wrong key', async () => {
    const place = await dataPlace(engine);
    await seedConnection(place, b64());
    await expect(place.start({ WEFT_SECRET_KEY: b64() })).rejects.toThrow(/is not the key this data was encrypted with/);
  });

  it('rotates: with the old key listed as previous, every token is re-encrypted under the new key', async () => {
    const place = await dataPlace(engine);
    const oldKey = b64();
    await seedConnection(place, oldKey);
    const newKey = b64();
    const deps = await place.start({ WEFT_SECRET_KEY: newKey, WEFT_SECRET_KEYS_PREVIOUS: oldKey });
    const row = await deps.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow();
    expect(Vault.keyIdOf(row.access_token)).toBe(deps.vault.currentKeyId);
    expect(Vault.keyIdOf(row.refresh_token!)).toBe(deps.vault.currentKeyId);
    expect(deps.tokens.decrypt(row)).toEqual({ accessToken: 'gho_access', refreshToken: 'ghr_refresh' });
    await deps.store.close();
    // The old key can now be dropped.
    const later = await place.start({ WEFT_SECRET_KEY: newKey });
    await later.store.close();
  });
});

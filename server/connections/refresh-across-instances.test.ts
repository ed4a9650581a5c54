import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { findProvider } from '../../shared/providers';
import { createGithubEmulator } from '../../test/emulators/github';
import { formPost } from '../../test/emulators/common/oauth-test-kit';
import { emulatorEnv } from '../../test/support/stack-env';
import { loadConfig } from '../config';
import { createLogger } from '../lib/log';
import type { Store } from '../store/open';
import type { Engine } from '../store/engine';
import { forEachEngine, openSharedTestStores } from '../store/testing/engines';
import { emulatedFetch } from '../testing/emulated-fetch';
import { registeredCallback } from '../testing/oauth-setup';
import { TEST_PUBLIC_URL } from '../testing/test-app';
import { weftCallbackUrl } from '../../test/support/oauth-callback';
import { saveConnection } from './save-connection';
import { createTokenService } from './tokens';
import { Vault } from './vault';
import { decodeKey } from './secret-key';

// The refresh single flight across instances: the token services of two Weft instances on
// one database (two stores; one in-memory SQLite store twice on SQLite, where one process
// owns the file), GitHub's user tokens rotating the refresh token on every refresh, as
// GitHub Apps do. A second refresh with the rotated-away token would be refused there.

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const ORIGIN = 'http://github.test';

async function twoInstances(engine: Engine) {
  const shared = await openSharedTestStores(engine, 2);
  cleanup = shared.close;
  const github = createGithubEmulator({ ...registeredCallback('github'), autoApprove: true, accessTokenTtlSeconds: 28_800 });
  const key = randomBytes(32).toString('base64');
  const config = loadConfig({ ...emulatorEnv('github', ORIGIN), WEFT_SECRET_KEY: key });
  const vault = new Vault({ current: decodeKey(key, 'WEFT_SECRET_KEY'), previous: [] });
  const statusChanges: string[] = [];
  const tokenService = (store: Store) =>
    createTokenService({
      db: store.db, vault, config, fetch: emulatedFetch({ [ORIGIN]: github.app }), log: createLogger(() => {}),
      onStatusChange: async (id) => void statusChanges.push(id),
    });

  // A user who connected GitHub (consent approved, code exchanged), stored as Weft stores it.
  const authorized = await github.app.request(`/login/oauth/authorize?client_id=github-client-id&redirect_uri=${encodeURIComponent(weftCallbackUrl(TEST_PUBLIC_URL, 'github'))}`);
  const code = new URL(authorized.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const issued = await (await github.app.request('/login/oauth/access_token', formPost({ client_id: 'github-client-id', client_secret: 'github-client-secret', code }, { accept: 'application/json' }))).json();
  const db = shared.stores[0]!.db;
  const now = new Date().toISOString();
  await db.insertInto('users').values({ id: 'usr_1', email: 'owner@example.com', password_hash: 'x', created_at: now }).execute();
  await db.insertInto('workspaces').values({ id: 'wsp_1', name: 'Personal', personal: 1, created_at: now }).execute();
  const { row } = await saveConnection(
    db, vault, findProvider('github')!, { id: '1', label: 'octocat' },
    // Expires within the refresh margin: the next caller must refresh it.
    { authMode: 'oauth2', accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: new Date(Date.now() + 60_000).toISOString(), scopes: [] },
    { workspaceId: 'wsp_1', userId: 'usr_1' },
  );
  github.resetStats();
  const read = () => db.selectFrom('connections').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  return { a: tokenService(shared.stores[0]!), b: tokenService(shared.stores[1]!), github, stale: row, read, statusChanges, db };
}

forEachEngine('token refresh across instances', (engine) => {
  it('10 callers spread over two instances share exactly one refresh, and every one gets the refreshed token', async () => {
    const { a, b, github, stale, read, db } = await twoInstances(engine);
    const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).accessToken(stale)));
    expect(github.stats.tokenRequests.refresh_token).toBe(1);
    const stored = await read();
    expect(stored.status).toBe('active');
    expect(new Set(tokens)).toEqual(new Set([a.decrypt(stored).accessToken]));
    // The token works at GitHub, and the lease was given back.
    expect((await github.app.request('/user', { headers: { authorization: `Bearer ${tokens[0]}` } })).status).toBe(200);
    expect(await db.selectFrom('refresh_leases').selectAll().execute()).toEqual([]);
  });

  it('a refresh GitHub refuses marks the connection expired once; the caller waiting on the other instance gets the same reason', async () => {
    const { a, b, github, stale, read, statusChanges } = await twoInstances(engine);
    github.revokeRefreshTokens();
    const outcomes = await Promise.allSettled([a.accessToken(stale), b.accessToken(stale)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const reasons = outcomes.map((o) => String((o as PromiseRejectedResult).reason.message));
    expect(reasons[0]).toMatch(/Reconnect GitHub/);
    expect(reasons[1]).toBe(reasons[0]);
    expect(github.stats.tokenRequests.refresh_token).toBe(1);
    expect(statusChanges).toEqual([stale.id]);
    expect(await read()).toMatchObject({ status: 'expired', status_reason: reasons[0] });
  });

  it('a lease whose holder died is taken over once it has run out', async () => {
    const { a, github, stale, db } = await twoInstances(engine);
    // An instance killed mid-refresh left its lease, which ran out a moment ago.
    await db.insertInto('refresh_leases').values({ connection_id: stale.id, holder: 'killed', expires_ms: Date.now() - 1 }).execute();
    await a.accessToken(stale);
    expect(github.stats.tokenRequests.refresh_token).toBe(1);
  });
});

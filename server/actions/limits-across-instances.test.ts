import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { findProvider } from '../../shared/providers';
import { createHubspotEmulator } from '../../test/emulators/hubspot';
import { registeredFor } from '../../test/support/oauth-callback';
import { emulatorEnv } from '../../test/support/stack-env';
import { saveConnection } from '../connections/save-connection';
import { forEachEngine, openSharedTestStores } from '../store/testing/engines';
import { emulatedFetch } from '../testing/emulated-fetch';
import { createTestApp, TEST_PUBLIC_URL } from '../testing/test-app';

// Two Weft instances on one database, one HubSpot portal behind them: the provider's limit
// is one budget, whichever instance an action reaches.

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const HS = 'http://hubspot.test';

forEachEngine('provider limits across instances', (engine) => {
  it('300 HubSpot actions spread over two instances against a 100-per-second limit: zero 429s reach the user', async () => {
    const shared = await openSharedTestStores(engine, 2);
    cleanup = shared.close;
    // The emulator enforces 100 per second (HubSpot: per 10 s) so the test takes ~3 s; each
    // instance is told the same limit, as an admin would configure every instance.
    const hubspot = createHubspotEmulator({ ...registeredFor(TEST_PUBLIC_URL, 'hubspot'), rateLimit: { max: 100, intervalMs: 1000 } });
    const env = { ...emulatorEnv('hubspot', HS, { oauthApp: false }), WEFT_HUBSPOT_RATE_LIMIT: '100/1s', WEFT_SECRET_KEY: randomBytes(32).toString('base64') };
    const [a, b] = await Promise.all(shared.stores.map((store) => createTestApp(env, { fetch: emulatedFetch({ [HS]: hubspot.app }), store })));
    const { token, user } = await a!.signUp();
    await saveConnection(a!.deps.db, a!.deps.vault, findProvider('hubspot')!, { id: '62515', label: 'Portal 62515' },
      { authMode: 'api_key', accessToken: hubspot.issueToken(), refreshToken: null, expiresAt: null, scopes: [] },
      { workspaceId: user.workspaceId, userId: user.id });

    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        (i % 2 ? a! : b!).call('POST', '/api/actions/hubspot/get_record', { token, body: { input: { object: 'contacts', id: i % 4 < 2 ? '10001' : '10002' } } }),
      ),
    );
    expect(results.filter((r) => r.status !== 200).map((r) => r.text)).toEqual([]);
    // As in actions.test.ts: the limiter paces by dispatch and the emulator counts by
    // arrival, so a loaded machine may land a few in the next window (retried unseen; 4 of
    // 300 seen with a load average of 13 on 2 cores). With a limiter of its own in each
    // instance (before issue 9), HubSpot refused about 200 of the 300.
    expect(hubspot.stats.rateLimited).toBeLessThanOrEqual(15);
  }, 60_000);
});

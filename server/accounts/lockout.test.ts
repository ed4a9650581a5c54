import { randomBytes } from 'node:crypto';
import { afterEach, expect, it, vi } from 'vitest';
import type { Engine } from '../store/engine';
import { forEachEngine, openSharedTestStores } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';

let t: TestApp | undefined;
let closeShared: (() => Promise<void>) | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await t?.close();
  t = undefined;
  await closeShared?.();
  closeShared = undefined;
});

const OWNER = 'owner@example.com';
const RIGHT = 'violet staple orbit';

/** Behind one trusted proxy: the proxy appends the caller's address to X-Forwarded-For. */
const from = (address: string, spoofed?: string) => ({ 'x-forwarded-for': spoofed ? `${spoofed}, ${address}` : address });

async function setup(engine: Engine) {
  t = await createTestApp({ WEFT_TRUST_PROXY: '1' }, { engine });
  await t.call('POST', '/api/auth/signup', { body: { email: OWNER, password: RIGHT }, headers: from('192.0.2.1') });
}
const signIn = (address: string, password: string, spoofed?: string) =>
  t!.call('POST', '/api/auth/signin', { body: { email: OWNER, password }, headers: from(address, spoofed) });

forEachEngine('sign-in lock-out', (engine) => {
  it("a stranger's ten wrong passwords lock out the stranger, not the owner signing in from elsewhere", async () => {
    await setup(engine);
    for (let i = 0; i < 10; i++) expect((await signIn('198.51.100.9', `guess number ${i}`)).status).toBe(401);
    const stranger = await signIn('198.51.100.9', RIGHT);
    expect(stranger.status).toBe(429);

    const owner = await signIn('203.0.113.5', RIGHT);
    expect(owner.status).toBe(200);
    expect(owner.json.user.email).toBe(OWNER);

    expect(stranger.json.error.message).toBe('Too many attempts. Try again in 15 minutes.');
    // Seconds for programs: the window less the time the ten guesses took.
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThan(840);
  });

  it('a lock-out cannot be dodged by varying the spoofable leading X-Forwarded-For entries', async () => {
    await setup(engine);
    for (let i = 0; i < 10; i++) {
      expect((await signIn('198.51.100.9', `guess number ${i}`, `10.0.0.${i}, 172.16.0.${i}`)).status).toBe(401);
    }
    expect((await signIn('198.51.100.9', RIGHT, '10.9.9.9')).status).toBe(429);
  });

  it('ends after 15 minutes, and the message says minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await setup(engine);
    for (let i = 0; i < 10; i++) await signIn('198.51.100.9', `guess number ${i}`);
    vi.setSystemTime(Date.now() + 10 * 60_000);
    const later = await signIn('198.51.100.9', RIGHT);
    expect(later.json.error.message).toBe('Too many attempts. Try again in 5 minutes.');
    vi.setSystemTime(Date.now() + 5 * 60_000 + 1_000);
    expect((await signIn('198.51.100.9', RIGHT)).status).toBe(200);
  });

  it('guesses spread over two instances behind a load balancer count together: the eleventh is refused by both', async () => {
    const shared = await openSharedTestStores(engine, 2);
    closeShared = shared.close;
    const env = { WEFT_TRUST_PROXY: '1', WEFT_SECRET_KEY: randomBytes(32).toString('base64') };
    const [a, b] = await Promise.all(shared.stores.map((store) => createTestApp(env, { store })));
    const at = (app: TestApp, password: string) => app.call('POST', '/api/auth/signin', { body: { email: OWNER, password }, headers: from('198.51.100.9') });
    await a!.call('POST', '/api/auth/signup', { body: { email: OWNER, password: RIGHT }, headers: from('192.0.2.1') });
    for (let i = 0; i < 10; i++) expect((await at(i % 2 ? a! : b!, `guess number ${i}`)).status).toBe(401);
    expect((await at(a!, RIGHT)).status).toBe(429);
    expect((await at(b!, RIGHT)).status).toBe(429);
  });
});

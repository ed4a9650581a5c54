import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/lib/log';
import { buildDeps } from '../../server/start';
import { openStore } from '../../server/store/open';
import { createTestDatabase } from '../../server/store/testing/engines';
import { checkResponse } from '../../server/testing/contract';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

// PostgreSQL lost while the server runs, through a TCP proxy the test cuts and restores
// (the run's shared cluster is never stopped): requests that need the database answer 503
// `database_unavailable` with a sentence, never a 2xx and never a 500; /health/ready says
// why; /health stays up; and once the proxy is back the server serves again by itself.

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

async function appBehindProxy() {
  const database = await createTestDatabase();
  cleanup.push(database.drop);
  const target = new URL(database.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  cleanup.push(() => proxy.close());
  const store = await openStore({ databaseUrl: proxy.via(database.url), poolSize: 4 });
  const logLines: string[] = [];
  const config = loadConfig({ WEFT_SECRET_KEY: randomBytes(32).toString('base64'), WEFT_PUBLIC_URL: 'http://weft.test' });
  const deps = await buildDeps({ config, store, log: createLogger((l) => logLines.push(l)) });
  cleanup.push(() => store.close());
  const app = createApp(deps);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    const json = await res.json();
    checkResponse(method, path, res.status, json);
    return { status: res.status, json, retryAfter: res.headers.get('retry-after') };
  };
  return { proxy, call, logLines };
}

/** Polls until `fn` is true: the positive signal that recovery happened, at most `ms`. */
async function until(fn: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await fn())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

const signUp = (call: Awaited<ReturnType<typeof appBehindProxy>>['call']) =>
  call('POST', '/api/auth/signup', { email: `lost-${randomBytes(4).toString('hex')}@example.com`, password: 'correct horse battery' });

it('readiness answers 200 with the database, 503 with the reason once PostgreSQL is cut, and 200 again after; /health stays 200', async () => {
  const { proxy, call } = await appBehindProxy();
  const ready = await call('GET', '/health/ready');
  expect(ready.status).toBe(200);
  expect(ready.json).toMatchObject({ ok: true, database: { ms: expect.any(Number) } });

  await proxy.cut();
  const started = Date.now();
  const notReady = await call('GET', '/health/ready');
  expect(Date.now() - started).toBeLessThan(3000);
  expect(notReady.status).toBe(503);
  expect(notReady.retryAfter).toBe('5');
  expect(notReady.json.error.code).toBe('database_unavailable');
  expect(notReady.json.error.message).toMatch(/^Not ready: PostgreSQL cannot be reached \(.*(ECONNREFUSED|ECONNRESET|Connection terminated).*\)\.$/);
  expect((await call('GET', '/health')).json).toEqual({ ok: true });

  await proxy.restore();
  await until(async () => (await call('GET', '/health/ready')).status === 200, 10_000);
});

it('a request that needs the database while it is cut gets 503 database_unavailable (never 2xx or 500), and works again once it is back', async () => {
  const { proxy, call, logLines } = await appBehindProxy();
  expect((await signUp(call)).status).toBe(201);

  await proxy.cut();
  // Several at once: the pool's idle connections were reset under it, and new ones are refused.
  const during = await Promise.all(Array.from({ length: 6 }, () => signUp(call)));
  expect(during.map((r) => r.status)).toEqual(Array(6).fill(503));
  for (const r of during) {
    expect(r.json.error).toEqual({ code: 'database_unavailable', message: 'Weft cannot reach its database right now, so this request was not completed. Try again in a few seconds.' });
    expect(r.retryAfter).toBe('5');
  }
  expect(logLines.some((l) => l.includes('Unhandled error'))).toBe(false);
  expect(logLines.some((l) => l.includes('The database is unreachable; answered 503'))).toBe(true);

  await proxy.restore();
  const recoveredMs = await until(async () => (await signUp(call)).status === 201, 10_000);
  console.info(`postgres-lost: sign-up works again ${recoveredMs} ms after the proxy was restored`);
});

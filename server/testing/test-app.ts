import { randomBytes } from 'node:crypto';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../lib/log';
import { buildDeps } from '../start';
import type { Engine } from '../store/engine';
import type { Store } from '../store/open';
import { openTestStore } from '../store/testing/engines';
import { checkResponse } from './contract';

/** The public URL of every test app: its OAuth callbacks are `http://weft.test/oauth/<id>/callback`. */
export const TEST_PUBLIC_URL = 'http://weft.test';

/**
 * A Weft app for tests, driven through `app.request()`: in-memory SQLite (or, with
 * `engine: 'postgres'`, a PostgreSQL database of its own, dropped on close), a fresh vault
 * key, and every log line captured so tests can read what would have been written.
 * `call` checks every JSON answer against the contract (shared/protocol/routes.ts) and
 * throws on one that does not match it. With `store`, the app is one of several instances
 * on a database the test opened (`openSharedTestStores`; give them one WEFT_SECRET_KEY),
 * and `close` leaves that store open for the test to close.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { fetch?: typeof fetch; engine?: Engine; store?: Store } = {}) {
  const logLines: string[] = [];
  const config = loadConfig({ WEFT_SECRET_KEY: randomBytes(32).toString('base64'), WEFT_PUBLIC_URL: TEST_PUBLIC_URL, ...env });
  const store = options.store ?? (options.engine === 'postgres' ? await openTestStore('postgres') : ':memory:');
  const deps = await buildDeps({ config, store, log: createLogger((l) => logLines.push(l)), fetch: options.fetch });
  const app = createApp(deps);

  const call = async (method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    // Every JSON answer a test receives is checked against the contract the extension reads it with.
    if (json !== undefined) checkResponse(method, path, res.status, json);
    return { status: res.status, json, text, headers: res.headers };
  };

  let counter = 0;
  /** Signs up a new user and returns their token and user. */
  const signUp = async (email = `user${++counter}-${randomBytes(3).toString('hex')}@example.com`) => {
    const res = await call('POST', '/api/auth/signup', { body: { email, password: 'correct horse battery' } });
    if (res.status !== 201) throw new Error(`signup failed: ${res.text}`);
    return res.json as { token: string; user: { id: string; email: string; workspaceId: string } };
  };

  const close = async () => {
    await deps.hub.stop();
    if (!options.store) await deps.store.close();
  };
  return { app, deps, call, signUp, logLines, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

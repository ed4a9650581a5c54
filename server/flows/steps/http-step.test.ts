import { afterEach, describe, expect, it } from 'vitest';
import { findProvider } from '../../../shared/providers';
import { saveConnection } from '../../connections/save-connection';
import { forEachEngine } from '../../store/testing/engines';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { StepError } from '../runner/step-error';
import type { LeafStepContext } from '../runner/step-kinds';
import { createHttpStep, HTTP_MAX_ANSWER_BYTES } from './http-step';
import { startTestServer } from './test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
let t: TestApp | undefined;
afterEach(async () => {
  await server?.close();
  await t?.close();
  server = t = undefined;
});

/** A step context with only what the http step reads; `allowPrivate` stands for WEFT_ALLOW_PRIVATE_HTTP. */
function context(input: unknown, allowPrivate: boolean, extra: Partial<LeafStepContext> = {}): LeafStepContext {
  return {
    deps: { config: { allowPrivateHttp: allowPrivate } }, runId: 'run_1', stepKey: 'call', idempotencyKey: 'run_1:call', attempt: 1,
    signal: new AbortController().signal, input, step: { id: 'call', http: input }, instance: { workspace_id: 'ws_none' }, owner: {}, config: {},
    ...extra,
  } as unknown as LeafStepContext;
}

async function failure(promise: Promise<unknown>): Promise<StepError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StepError);
  return error as StepError;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('http step: addresses', () => {
  it.each(['127.0.0.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '0.0.0.0'])('refuses %s and sends nothing there', async (host) => {
    server = await startTestServer(json({ ok: true }));
    const error = await failure(createHttpStep()(context({ method: 'GET', url: `http://${host}:${server.port}/admin` }, false)));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('private, loopback or link-local');
    expect(error.message).toContain('WEFT_ALLOW_PRIVATE_HTTP=1');
    expect(server.seen).toHaveLength(0);
  });

  it('checks the address a name resolves to: a public-looking name pointing at loopback is refused', async () => {
    server = await startTestServer(json({ ok: true }));
    const step = createHttpStep({ resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const error = await failure(step(context({ method: 'GET', url: `http://innocent.example:${server.port}/` }, false)));
    expect(error.message).toBe(`innocent.example resolves to 127.0.0.1, which is a private, loopback or link-local address. Weft calls only public addresses; a server meant to reach its own network can allow it with WEFT_ALLOW_PRIVATE_HTTP=1.`);
    expect(server.seen).toHaveLength(0);
  });

  it('refuses a name with any non-public answer, even when a public one comes first', async () => {
    const step = createHttpStep({ resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '169.254.169.254', family: 4 }] });
    const error = await failure(step(context({ method: 'GET', url: 'http://mixed.example/' }, false)));
    expect(error.message).toContain('169.254.169.254');
  });

  it('connects to the address it resolved once (DNS rebinding cannot swap it), with the name as Host', async () => {
    server = await startTestServer(json({ ok: true }));
    let lookups = 0;
    // First answer: the test server; any later one: somewhere else. A client that looked the
    // name up again (or asked the system, which does not know it) would not reach the server.
    const step = createHttpStep({ resolve: async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '10.255.255.1', family: 4 }] });
    const out = await step(context({ method: 'GET', url: `http://rebind.weft.test:${server.port}/x` }, true));
    expect(out).toMatchObject({ status: 200, body: { ok: true } });
    expect(lookups).toBe(1);
    expect(server.seen[0]!.headers.host).toBe(`rebind.weft.test:${server.port}`);
  });

  it('with WEFT_ALLOW_PRIVATE_HTTP=1 it calls the address and returns status, some headers and the JSON body', async () => {
    server = await startTestServer(json({ id: 7, name: 'x' }, 201, { 'x-request-id': 'r1', 'set-cookie': 'session=secret', etag: '"e1"' }));
    const out = await createHttpStep()(context({ method: 'POST', url: `${server.url}/things?a=1`, headers: { 'x-custom': 'yes', host: 'evil.example' }, body: { title: 'Hi', n: 2 } }, true));
    expect(out).toEqual({ status: 201, headers: { 'content-type': 'application/json', etag: '"e1"', 'x-request-id': 'r1' }, body: { id: 7, name: 'x' } });
    const seen = server.seen[0]!;
    expect(seen).toMatchObject({ method: 'POST', url: '/things?a=1', body: '{"title":"Hi","n":2}' });
    expect(seen.headers).toMatchObject({ 'content-type': 'application/json', 'x-custom': 'yes', host: `127.0.0.1:${server.port}` });
  });
});

describe('http step: answers', () => {
  const call = async (handler: Parameters<typeof startTestServer>[0], options: Parameters<typeof createHttpStep>[0] = {}) => {
    server = await startTestServer(handler);
    return createHttpStep(options)(context({ method: 'GET', url: `${server.url}/r` }, true));
  };

  it('a 429 is retryable after the Retry-After it names', async () => {
    const error = await failure(call(json({ message: 'slow down' }, 429, { 'retry-after': '7' })));
    expect(error).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(error.message).toContain('answered 429: slow down');
  });

  it('a 503 is retryable', async () => {
    const error = await failure(call(json({ error: 'maintenance' }, 503)));
    expect(error).toMatchObject({ retryable: true, retryAfterMs: undefined });
  });

  it('a 404 fails at once with the answer\'s words', async () => {
    const error = await failure(call(json({ message: 'No such repository' }, 404)));
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(`127.0.0.1:${server!.port} answered 404: No such repository.`);
  });

  it('a redirect is returned, not followed', async () => {
    const error = await call((req, res) => {
      if (req.url === '/r') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(200).end('followed');
    });
    expect(error).toMatchObject({ status: 302, headers: { location: '/elsewhere' }, body: '' });
    expect(server!.seen.map((r) => r.url)).toEqual(['/r']);
  });

  it('text stays text; an answer over the bound fails without being read whole', async () => {
    expect(await call((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words'))).toMatchObject({ body: 'plain words' });
    await server!.close();
    const big = 'x'.repeat(HTTP_MAX_ANSWER_BYTES + 1);
    const error = await failure(call((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(big.slice(0, 600_000));
      res.end(big.slice(600_000));
    }));
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toContain('more than 1024 KB');
  });

  it('a server that never answers times out, retryably', async () => {
    const error = await failure(call(() => {}, { timeoutMs: 200 }));
    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toContain('did not answer within');
  });

  it('a closed port is a retryable network error', async () => {
    server = await startTestServer(json({}));
    const url = `${server.url}/r`;
    await server.close();
    server = undefined;
    const error = await failure(createHttpStep()(context({ method: 'GET', url }, true)));
    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('input that did not render to a request fails with what is wrong', async () => {
    const error = await failure(createHttpStep()(context({ method: 'GET', url: 42 }, true)));
    expect(error.message).toBe('The http step\'s input is not a request: The url must render to text.');
    expect((await failure(createHttpStep()(context({ method: 'GET', url: 'ftp://x.example/' }, true)))).message).toBe('Only http and https URLs can be called, not ftp.');
  });

  it('a GET with a body fails at once saying so, instead of sending the request without it', async () => {
    server = await startTestServer(json({ ok: true }));
    const error = await failure(createHttpStep()(context({ method: 'GET', url: `${server.url}/search`, body: { q: 'urgent' } }, true)));
    expect(error.retryable).toBe(false);
    expect(error.message).toBe("A GET request has no body, so this step's body would not be sent. Use POST, PUT or PATCH to send it, or put its values in the URL's query.");
    expect(server.seen).toEqual([]);
    // Without a body (none written, or rendered to null) it goes.
    expect(await createHttpStep()(context({ method: 'GET', url: `${server.url}/search?q=urgent`, body: null }, true))).toMatchObject({ status: 200 });
  });
});

forEachEngine('http step with a connection', (engine) => {
  it('sends the connection\'s token as Authorization; the token is in no output, error or log line', async () => {
    t = await createTestApp({ WEFT_ALLOW_PRIVATE_HTTP: '1' }, { engine });
    const { user } = await t.signUp();
    const token = 'ghp_thisIsTheSecretToken0123456789';
    const saved = await saveConnection(t.deps.db, t.deps.vault, findProvider('github')!, { id: '1', label: 'octocat' },
      { authMode: 'oauth2', accessToken: token, refreshToken: null, expiresAt: null, scopes: [] }, { workspaceId: user.workspaceId, userId: user.id });
    server = await startTestServer((req, res) => json({ echoed: req.headers.authorization === `Bearer ${token}` }, req.url === '/fail' ? 400 : 200)(req, res));
    const ctx = (path: string) => context({ method: 'GET', url: `${server!.url}${path}`, headers: { Authorization: 'Bearer author-set' }, connection: 'gh' }, true, {
      deps: t!.deps, instance: { workspace_id: user.workspaceId } as LeafStepContext['instance'], config: { gh: saved.row.id },
    });
    const out = await createHttpStep()(ctx('/ok'));
    expect(out).toMatchObject({ status: 200, body: { echoed: true } });
    const error = await failure(createHttpStep()(ctx('/fail')));
    expect(server.seen.map((r) => r.headers.authorization)).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
    expect(JSON.stringify(out) + error.message + t.logLines.join('\n')).not.toContain(token);
  });

  it('a connection of another workspace is not used', async () => {
    t = await createTestApp({ WEFT_ALLOW_PRIVATE_HTTP: '1' }, { engine });
    const { user } = await t.signUp();
    const other = await t.signUp();
    const saved = await saveConnection(t.deps.db, t.deps.vault, findProvider('github')!, { id: '1', label: 'octocat' },
      { authMode: 'oauth2', accessToken: 'ghp_other', refreshToken: null, expiresAt: null, scopes: [] }, { workspaceId: other.user.workspaceId, userId: other.user.id });
    server = await startTestServer(json({}));
    const error = await failure(createHttpStep()(context({ method: 'GET', url: server.url, connection: 'gh' }, true, {
      deps: t.deps, instance: { workspace_id: user.workspaceId } as LeafStepContext['instance'], config: { gh: saved.row.id },
    })));
    expect(error).toMatchObject({ retryable: false, message: 'The connection "gh" is not set or no longer exists: choose one in the instance\'s config.' });
    expect(server.seen).toHaveLength(0);
  });
});

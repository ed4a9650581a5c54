import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { StepError } from '../runner/step-error';
import type { LeafStepContext } from '../runner/step-kinds';
import { createHttpStep } from './http-step';
import { startTestServer } from './test-server';

// The http step over HTTPS, against a server on 127.0.0.1 with the throwaway certificate of
// test/fixtures/tls (for secure.weft.test only; see its README).

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/tls/${name}`, import.meta.url), 'utf8');
const tls = { key: fixture('secure.weft.test.key'), cert: fixture('secure.weft.test.crt') };

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function context(input: unknown): LeafStepContext {
  return {
    deps: { config: { allowPrivateHttp: true } }, runId: 'run_1', stepKey: 'call', idempotencyKey: 'run_1:call', attempt: 1,
    signal: new AbortController().signal, input, step: { id: 'call', http: input }, instance: { workspace_id: 'ws_none' }, owner: {}, config: {},
  } as unknown as LeafStepContext;
}

const ok = (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
};

async function failure(promise: Promise<unknown>): Promise<StepError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StepError);
  return error as StepError;
}

describe('http step over https', () => {
  it('connects to the address resolved once, with the name kept for SNI, the certificate check and Host', async () => {
    server = await startTestServer(ok, tls);
    let lookups = 0;
    // First answer: the test server; any later one: somewhere else (a second look-up would miss it).
    const step = createHttpStep({ ca: tls.cert, resolve: async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '10.255.255.1', family: 4 }] });
    const out = await step(context({ method: 'POST', url: `https://secure.weft.test:${server.port}/hooks?a=1`, body: { title: 'Hi' } }));

    expect(out).toMatchObject({ status: 200, body: { ok: true } });
    expect(lookups).toBe(1);
    expect(server.seen).toEqual([expect.objectContaining({
      method: 'POST', url: '/hooks?a=1', body: '{"title":"Hi"}', servername: 'secure.weft.test',
      headers: expect.objectContaining({ host: `secure.weft.test:${server.port}` }),
    })]);
  });

  it('a certificate that does not verify (self-signed, not trusted) fails the step at once, not retried, and sends nothing', async () => {
    server = await startTestServer(ok, tls);
    const step = createHttpStep({ resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const error = await failure(step(context({ method: 'POST', url: `https://secure.weft.test:${server.port}/hooks`, body: { title: 'Hi' } })));

    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^secure\.weft\.test:\d+'s certificate does not verify \(DEPTH_ZERO_SELF_SIGNED_CERT: .+\), so nothing was sent\. Its owner must fix it; trying again will not help\.$/);
    expect(server.seen).toEqual([]);
  });

  it('a trusted certificate for another name fails the same way: the name checked is the URL\'s, not the address\'s', async () => {
    server = await startTestServer(ok, tls);
    const step = createHttpStep({ ca: tls.cert, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const error = await failure(step(context({ method: 'GET', url: `https://impostor.weft.test:${server.port}/` })));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(server.seen).toEqual([]);
  });
});

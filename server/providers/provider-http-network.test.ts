import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { ProviderError } from './provider-error';
import { providerRequest } from './provider-http';
import type { RetryPolicy } from './retry-policy';

// The provider client against real sockets (Node's fetch): which network failures prove a
// write never reached the provider, so it may be sent again, and which do not.

const POLICY: RetryPolicy = { maxAttempts: 3, maxWaitMs: 1_000, timeoutMs: 5_000, maxBodyBytes: 1024 };
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

async function listen(server: Server, port = 0): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A provider that reads each request's whole body, notes it, then resets the connection instead of answering. */
async function resettingProvider() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      bodies.push(`${req.method} ${body}`);
      res.socket?.resetAndDestroy();
    });
  });
  return { bodies, url: `http://127.0.0.1:${await listen(server)}/chat.postMessage` };
}

const post = (url: string, sleep?: (ms: number) => Promise<void>) =>
  providerRequest({ fetch, random: () => 0, sleep }, { providerName: 'Acme', url, method: 'POST', json: { text: 'hello' }, policy: POLICY });

it('a POST whose connection is reset after the provider read it is not sent again, and the error says it may have gone through', async () => {
  const provider = await resettingProvider();
  const error = await post(provider.url).catch((e: unknown) => e);

  expect(provider.bodies).toEqual(['POST {"text":"hello"}']);
  expect(error).toBeInstanceOf(ProviderError);
  expect(error).toMatchObject({ kind: 'unavailable' });
  expect((error as ProviderError).message).toMatch(/^The connection to Acme broke before it answered( \([A-Z_]+\))?\. It may have done it: check Acme before trying again\.$/);
});

it('a GET on the same broken connection is sent again: reading twice does nothing twice', async () => {
  const provider = await resettingProvider();
  const error = await providerRequest({ fetch, random: () => 0 }, { providerName: 'Acme', url: provider.url, policy: POLICY }).catch((e: unknown) => e);
  expect(provider.bodies).toEqual(['GET ', 'GET ', 'GET ']);
  expect(error).toMatchObject({ kind: 'unavailable', message: 'Could not reach Acme. Try again shortly.' });
});

it('a POST whose connection was refused is sent again (nothing reached the provider), and done once', async () => {
  // A port that was just free: the first attempt finds nothing listening there.
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  servers.splice(servers.indexOf(probe), 1);

  const received: string[] = [];
  const provider = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => (received.push(body), res.setHeader('content-type', 'application/json'), res.end('{"ok":true}')));
  });
  const waits: number[] = [];
  // The provider comes up during the client's wait before its second attempt.
  const answer = await post(`http://127.0.0.1:${port}/chat.postMessage`, async (ms) => {
    waits.push(ms);
    if (!provider.listening) await listen(provider, port);
  });

  expect(waits).toHaveLength(1);
  expect(received).toEqual(['{"text":"hello"}']);
  expect(answer).toMatchObject({ status: 200, body: { ok: true } });
});

it('a POST to a port nothing listens on is tried the policy\'s attempts, then reported with the reason', async () => {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  servers.splice(servers.indexOf(probe), 1);
  let attempts = 0;
  const error = await post(`http://127.0.0.1:${port}/`, async () => void attempts++).catch((e: unknown) => e);
  expect(attempts).toBe(POLICY.maxAttempts - 1);
  expect(error).toMatchObject({ kind: 'unavailable', message: 'Could not reach Acme (ECONNREFUSED). Try again shortly.' });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ProviderError } from './provider-error';
import { providerRequest, type ProviderCall } from './provider-http';
import type { RetryPolicy } from './retry-policy';

const POLICY: RetryPolicy = { maxAttempts: 3, maxWaitMs: 10_000, timeoutMs: 5_000, maxBodyBytes: 1024 };
const TOKEN = 'xoxb-secret-token-value';

/** A provider played by a list of answers, one per request; each request's time is noted. */
function provider(...answers: (() => Response | Promise<Response>)[]) {
  const at: number[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    at.push(Date.now());
    const next = answers.shift();
    if (!next) throw new Error('no more answers scripted');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, at, calls: () => at.length };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => () => Response.json(body, { status, headers });
const call = <T>(fetch: typeof globalThis.fetch, extra: Partial<ProviderCall<T>> = {}) =>
  providerRequest<T>({ fetch, random: () => 1 }, {
    providerName: 'Acme', url: 'https://api.acme.test/things', credential: { value: TOKEN, placement: 'bearer' }, policy: POLICY, ...extra,
  });

/** Runs a request under fake timers and resolves with its answer or its error. */
async function settle<T>(promise: Promise<T>): Promise<T | ProviderError> {
  const caught = promise.catch((error: unknown) => error as ProviderError);
  await vi.runAllTimersAsync();
  return caught;
}

beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-11-30T12:00:00Z') }));
afterEach(() => vi.useRealTimers());

describe('providerRequest', () => {
  it('a 429 is retried after exactly the Retry-After the provider sent, then succeeds', async () => {
    const p = provider(json({ message: 'slow down' }, 429, { 'retry-after': '2' }), json({ id: 7 }));
    const pending = call(p.fetch, { schema: z.object({ id: z.number() }) });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(p.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(p.calls()).toBe(2);
    expect((await pending).body).toEqual({ id: 7 });
    expect(p.at[1]! - p.at[0]!).toBe(2_000);
  });

  it('a provider asking for a longer wait than the policy allows is not retried: the error says when to try again, and carries the wait', async () => {
    const p = provider(json({ message: 'quota exhausted' }, 429, { 'retry-after': '3600' }));
    const error = await settle(call(p.fetch));
    expect(p.calls()).toBe(1);
    expect(error).toMatchObject({ kind: 'unavailable', status: 429, retryAfterMs: 3_600_000, message: 'Acme is rate limiting Weft (quota exhausted). Try again in 1 hour.' });
  });

  it('a 500 is retried with backoff up to the bound, then given up with a sentence naming the provider', async () => {
    const p = provider(json({ message: 'Internal error' }, 500), json({ message: 'Internal error' }, 500), json({ message: 'Internal error' }, 500));
    const error = await settle(call(p.fetch));
    expect(p.calls()).toBe(3);
    // Full jitter with random() = 1: 500 ms, then 1,000 ms.
    expect([p.at[1]! - p.at[0]!, p.at[2]! - p.at[1]!]).toEqual([500, 1_000]);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'unavailable', status: 500, message: 'Acme is not answering right now (500 Internal error; tried 3 times). Try again shortly.' });
  });

  it('a network failure is retried, then reported as unreachable', async () => {
    const refuse = () => Promise.reject(new TypeError('fetch failed'));
    const p = provider(refuse, refuse, refuse);
    const error = await settle(call(p.fetch));
    expect(p.calls()).toBe(3);
    expect(error).toMatchObject({ kind: 'unavailable', message: 'Could not reach Acme. Try again shortly.' });
  });

  it('an answer larger than the bound is refused without reading it all, and the stream is cancelled', async () => {
    let pulled = 0;
    let cancelled = false;
    // 50 KB in 512-byte chunks, against a 1 KB bound.
    const large = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++pulled > 100) return controller.close();
        controller.enqueue(new Uint8Array(512).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const p = provider(() => new Response(large, { status: 200 }));
    const error = await settle(call(p.fetch));
    expect(error).toMatchObject({ kind: 'bad_answer', message: 'Acme sent an answer Weft could not read (it is larger than 1 KB, the most Weft reads).' });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(4);
  });

  it('a declared Content-Length over the bound is refused before any of the body is read', async () => {
    const p = provider(() => new Response('x'.repeat(2048), { status: 200, headers: { 'content-length': '2048' } }));
    expect(await settle(call(p.fetch))).toMatchObject({ kind: 'bad_answer' });
  });

  it('an attempt that outlasts the timeout is abandoned; a GET is tried again, then reported', async () => {
    const p = { calls: 0, fetch: ((_u: unknown, init?: RequestInit) => {
      p.calls++;
      return new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    }) as typeof fetch };
    const pending = call(p.fetch, { policy: { ...POLICY, maxAttempts: 2 } }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(p.calls).toBe(1);
    await vi.runAllTimersAsync();
    const error = await pending;
    expect(p.calls).toBe(2);
    expect(error).toMatchObject({ kind: 'unavailable', message: 'Acme did not answer within 5 seconds. Try again shortly.' });
  });

  it('a write that timed out is not sent again (it may have been done), and the user is told to check', async () => {
    let calls = 0;
    const hang = ((_u: unknown, init?: RequestInit) => {
      calls++;
      return new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    }) as typeof fetch;
    const error = await settle(call(hang, { method: 'POST', json: { title: 'x' } }));
    expect(calls).toBe(1);
    expect(error).toMatchObject({ kind: 'unavailable', message: 'Acme did not answer within 5 seconds. It may have done it: check Acme before trying again.' });
  });

  it('a 401 is not retried: the credentials were refused, with the provider\'s reason and never the token', async () => {
    const p = provider(json({ message: `Bad credentials for ${TOKEN}. See https://docs.acme.test/auth` }, 401));
    const error = await settle(call(p.fetch));
    expect(p.calls()).toBe(1);
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect((error as ProviderError).message.startsWith('Acme rejected the credentials: Bad credentials for')).toBe(true);
    // Only the provider echoing it could put a token in a message; Weft's own words never do.
    const own = await settle(call(provider(json({}, 403)).fetch));
    expect((own as ProviderError).message).toBe('Acme refused the request: HTTP 403');
  });

  it('a 2xx is read through the schema: typed when it fits, a clear error naming the field when it does not', async () => {
    const schema = z.object({ number: z.number(), title: z.string() });
    const ok = await call(provider(json({ number: 3, title: 'Export', extra: true })).fetch, { schema });
    expect(ok.body).toEqual({ number: 3, title: 'Export' });
    const error = await settle(call(provider(json({ number: '3', title: 'Export' })).fetch, { schema, method: 'POST', json: {} }));
    expect(error).toMatchObject({ kind: 'bad_answer' });
    expect((error as ProviderError).message).toMatch(/^Acme sent an answer Weft could not read \(number: .+\)\. It may have done it: check Acme before trying again\.$/);
  });

  it('sends the credential where the provider wants it, JSON and forms with their content types', async () => {
    const seen: Request[] = [];
    const capture = (async (url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(url, init));
      return Response.json({});
    }) as typeof fetch;
    await call(capture, { method: 'POST', json: { a: 1 }, query: { page: 2, skip: undefined } });
    await call(capture, { method: 'POST', form: new URLSearchParams({ token: 't' }), credential: { value: TOKEN, placement: 'query:key' } });
    expect(seen[0]!.url).toBe('https://api.acme.test/things?page=2');
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await seen[0]!.text()).toBe('{"a":1}');
    expect(seen[1]!.url).toBe(`https://api.acme.test/things?key=${TOKEN}`);
    expect(seen[1]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await seen[1]!.text()).toBe('token=t');
  });
});

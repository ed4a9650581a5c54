import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

// `npm run bench` divides intake's throughput by this route's, so the route must cost what
// intake costs before verification: the same sub-app, the same body limit, the body read.
// It is no part of Weft's API (it exists only with WEFT_BENCH=1), so shared/protocol's
// route table does not list it and these tests call the app directly, not through the
// contract-checking `t.call`.

let t: TestApp | undefined;
const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
  const res = await t!.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, json: (await res.json()) as unknown };
};
afterEach(async () => {
  await t?.close();
  vi.unstubAllEnvs();
});

const MIB = 1024 * 1024;

describe('the bench sink (/hooks/bench/sink)', () => {
  it('reads the whole body and says how many bytes it read', async () => {
    t = await createTestApp({ WEFT_BENCH: '1' });
    // Multi-byte characters: the count is of bytes on the wire, not of string characters.
    const body = JSON.stringify({ title: 'Fehler in der Übersicht — ünïcödé', padding: 'x'.repeat(11_000) });
    const res = await post('/hooks/bench/sink', body);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ bytes: Buffer.byteLength(body) });
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
  });

  it('refuses a body over 1 MiB exactly as intake does', async () => {
    t = await createTestApp({ WEFT_BENCH: '1', WEFT_GITHUB_WEBHOOK_SECRET: 'bench-secret' });
    const atLimit = 'x'.repeat(MIB);
    expect((await post('/hooks/bench/sink', atLimit)).json).toEqual({ bytes: MIB });
    const over = 'x'.repeat(MIB + 1);
    const sink = await post('/hooks/bench/sink', over);
    const intake = await post('/hooks/github', over, { 'x-github-event': 'issues' });
    expect(intake.status).toBe(413);
    expect({ status: sink.status, json: sink.json }).toEqual({ status: intake.status, json: intake.json });
  });

  it('does not exist unless the server was started for the bench', async () => {
    t = await createTestApp();
    const res = await post('/hooks/bench/sink', '{}');
    expect(res.status).toBe(404);
  });
});

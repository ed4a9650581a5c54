import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { keepAliveAgent, send } from './http-load';
import { openLoop } from './open-loop';

// The bench's load generator must not hide a stalled server: requests keep coming at the
// offered rate while replies are held, and each one's wait counts from when it was due.

type Hold = (respond: () => void, seen: number) => void;

let server: http.Server | undefined;
let agent: http.Agent | undefined;
afterEach(async () => {
  agent?.destroy();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = agent = undefined;
});

/** A 127.0.0.1 server that answers 200 "ok" whenever `hold` calls `respond`. */
async function serve(hold: Hold): Promise<string> {
  let seen = 0;
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => hold(() => res.end('ok'), ++seen));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

it('counts a 300 ms stall in every request that was due during it, not only in the few already in flight', async () => {
  let stallFrom = 0;
  const held: (() => void)[] = [];
  const url = await serve((respond) => {
    const now = performance.now();
    stallFrom ||= now + 300;
    if (now < stallFrom) return respond();
    if (now < stallFrom + 300) {
      if (held.length === 0) setTimeout(() => held.splice(0).forEach((r) => r()), stallFrom + 300 - now);
      return void held.push(respond);
    }
    respond();
  });
  agent = keepAliveAgent(8);
  const result = await openLoop({ rate: 200, seconds: 1, make: () => send(agent!, url, 'GET'), ok: (r) => r.status === 200 && r.body === 'ok' });

  expect(result.requests).toBe(200);
  expect(result.errors).toBe(0);
  // About 60 of the 200 were due during the stall, one every 5 ms: the first waited the whole
  // 300 ms, the 20th (the p90) still about 200 ms. A closed loop would have sent only as many
  // as it had workers, and timed only those.
  expect(result.p99ms).toBeGreaterThan(250);
  expect(result.p90ms).toBeGreaterThan(150);
  expect(result.p50ms).toBeLessThan(100);
});

it('keeps sending at the offered rate while no reply comes back', async () => {
  const held: (() => void)[] = [];
  let allArrivedBeforeAnyReply = false;
  const url = await serve((respond, seen) => {
    held.push(respond);
    if (seen === 40) {
      allArrivedBeforeAnyReply = true;
      held.splice(0).forEach((r) => r());
    }
  });
  agent = keepAliveAgent(64);
  const result = await openLoop({ rate: 200, seconds: 0.2, make: () => send(agent!, url, 'POST', '{}'), ok: (r) => r.status === 200 });

  expect(result.requests).toBe(40);
  expect(allArrivedBeforeAnyReply).toBe(true);
  expect(result.errors).toBe(0);
  // The first request waited for the other 39 to be due (195 ms) before anything answered.
  expect(result.p99ms).toBeGreaterThan(150);
});

it('counts a request never answered as an error that waited until the drain ended', async () => {
  const url = await serve((respond, seen) => {
    if (seen !== 5) respond();
  });
  agent = keepAliveAgent(8);
  const result = await openLoop({ rate: 100, seconds: 0.2, drainMs: 300, make: () => send(agent!, url, 'GET'), ok: (r) => r.status === 200 });

  expect(result.requests).toBe(20);
  expect(result.errors).toBe(1);
  expect(result.achievedRps).toBeGreaterThan(0);
  // The unanswered one sorts last: due about 150 ms before the last due time, it waited 450 ms or more.
  expect(result.p99ms).toBeGreaterThanOrEqual(440);
});

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { WeftEvent } from '../../shared/protocol/events';
import { createTestDatabase } from '../store/testing/engines';
import { cutListenConnections } from '../store/testing/listen-connection';
import { connectPush, fire, makeEndpoint, signUpLive, startLiveWeft, until } from '../testing/live-server';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two server instances on one PostgreSQL database, sharing their secret key: no sticky sessions in front of them. */
async function twoInstances() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const key = randomBytes(32).toString('base64');
  const a = await startLiveWeft({ databaseUrl: database.url, key });
  cleanups.push(() => a.weft.close());
  const b = await startLiveWeft({ databaseUrl: database.url, key });
  cleanups.push(() => b.weft.close());
  return { a, b };
}

const titles = (events: WeftEvent[]) => events.map((e) => e.summary.title);
const inIdOrder = (events: WeftEvent[]) => events.every((e, i) => i === 0 || events[i - 1]!.id < e.id);

/** `p` (0-1) of the sorted values. */
const percentile = (values: number[], p: number) => [...values].sort((x, y) => x - y)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)]!;

describe('push across instances on one PostgreSQL database', () => {
  it('webhooks accepted by A (and by B) reach WebSocket clients on both, each once, in id order', async () => {
    const { a, b } = await twoInstances();
    const ada = await signUpLive(a.url, 'ada@example.com');
    const { id: hook } = await makeEndpoint(a.url, ada.token);
    const onB = connectPush(b.url, ada.token, 0);
    const onA = connectPush(a.url, ada.token, 0);
    await until(() => onB.messages[0]?.type === 'ready' && onA.messages[0]?.type === 'ready');

    // One at a time to A, timed from the request's start to the event on B's client.
    const latencies: number[] = [];
    for (let n = 1; n <= 40; n++) {
      const started = performance.now();
      expect((await fire(a.url, hook, `seq ${n}`)).status).toBe(202);
      await until(() => onB.events.length === n, 5_000);
      latencies.push(performance.now() - started);
    }
    // Then 120 at once, spread over both instances, 16 in flight.
    const queue = Array.from({ length: 120 }, (_, i) => i + 1);
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        expect((await fire(n % 2 ? a.url : b.url, hook, `burst ${n}`)).status).toBe(202);
      }
    }));
    await until(() => onB.events.length === 160 && onA.events.length === 160, 10_000);

    for (const client of [onA, onB]) {
      expect(inIdOrder(client.events)).toBe(true);
      expect(new Set(titles(client.events)).size).toBe(160);
    }
    expect(titles(onB.events)).toEqual(titles(onA.events));
    // eslint-disable-next-line no-console -- the figure the closing note reports
    console.info(`cross-instance push, webhook to A → client on B: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (n=${latencies.length})`);
    onA.ws.close();
    onB.ws.close();
  });

  it('with B’s LISTEN connection cut, B’s client still gets what A accepted meanwhile, after B reconnects', async () => {
    const { a, b } = await twoInstances();
    const ada = await signUpLive(a.url, 'ada@example.com');
    const { id: hook } = await makeEndpoint(a.url, ada.token);
    const onB = connectPush(b.url, ada.token, 0);
    await fire(a.url, hook, 'before');
    await until(() => onB.events.length === 1);

    expect(await cutListenConnections(b.weft.deps.store)).toBe(2);
    for (const n of [1, 2, 3]) await fire(a.url, hook, `meanwhile ${n}`);
    await until(() => onB.events.length === 4);
    expect(titles(onB.events)).toEqual(['Test: before', 'Test: meanwhile 1', 'Test: meanwhile 2', 'Test: meanwhile 3']);
    await until(() => b.logLines.some((l) => l.includes('Listening to the other instances again')));
    onB.ws.close();
  });

  it('a sign-out on A closes that session’s WebSocket on B at once (4401); another session’s stream on B goes on', async () => {
    const { a, b } = await twoInstances();
    const ada = await signUpLive(a.url, 'ada@example.com');
    const signIn = await fetch(`${b.url}/api/auth/signin`, { method: 'POST', body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' }) });
    const otherToken = ((await signIn.json()) as { token: string }).token;
    const { id: hook } = await makeEndpoint(a.url, ada.token);
    const onB = connectPush(b.url, ada.token, 0);
    const otherOnB = connectPush(b.url, otherToken, 0);
    await until(() => onB.messages[0]?.type === 'ready' && otherOnB.messages[0]?.type === 'ready');

    const started = performance.now();
    expect((await fetch(`${a.url}/api/auth/signout`, { method: 'POST', headers: { authorization: `Bearer ${ada.token}` } })).status).toBe(200);
    // B re-checks sessions only every 60 s: closing within this test's few seconds is the signal's doing.
    expect(await onB.closed).toMatchObject({ code: 4401 });
    const closedAfterMs = performance.now() - started;
    expect(onB.messages.at(-1)).toMatchObject({ type: 'error', code: 'unauthorized' });

    await fire(a.url, hook, 'after sign-out');
    await until(() => otherOnB.events.length === 1);
    expect(onB.events).toHaveLength(0);
    // eslint-disable-next-line no-console -- the figure the closing note reports
    console.info(`sign-out on A → stream on B closed after ${closedAfterMs.toFixed(1)} ms`);
    otherOnB.ws.close();
  });
});

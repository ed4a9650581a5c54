import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { githubExample } from '../../server/testing/webhooks';
import { createTestDatabase } from '../../server/store/testing/engines';
import { keepAliveAgent, pool, send } from '../bench/http-load';
import { seedGithubUser, startServerProcess, type ServerProcess } from '../bench/server-process';
import { PushClient } from '../support/push-client';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { startTcpProxy } from '../support/tcp-proxy';
import { githubHeaders } from '../support/webhook-signing';

// The real server process on PostgreSQL, through a TCP proxy the test cuts while webhooks
// stream in and then restores: while the database is gone every webhook is answered 503
// (never a 2xx that is not durable, never a 500, never a hang), /health stays up and
// /health/ready says why; once it is back the same process takes webhooks again and
// pushes them, with nobody restarting anything. Every 202 is exactly one event.

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

it('PostgreSQL cut under a running server: webhooks get 503 (never 2xx), it recovers by itself when the database is back, every 202 is one event, push catches up', async () => {
  const database = await createTestDatabase();
  cleanup.push(database.drop);
  const target = new URL(database.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  cleanup.push(() => proxy.close());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-pg-lost-'));
  cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const env = serverEnv(dataDir, await freePort(), { WEFT_DATABASE_URL: proxy.via(database.url), WEFT_DATABASE_POOL: '4' });
  const { token, workspaceId } = await seedGithubUser(env);
  const server: ServerProcess = await startServerProcess(env, { readyPath: '/health/ready' });
  cleanup.push(() => server.kill9());
  const client = new PushClient([server.url], 0, token, workspaceId);
  cleanup.push(async () => client.close());
  await client.connect();

  const body = JSON.stringify(githubExample('issues', 'opened'));
  const agent = keepAliveAgent(8);
  cleanup.push(async () => agent.destroy());
  const deliver = (id: string) => send(agent, `${server.url}/hooks/github`, 'POST', body, githubHeaders(body, 'issues', id));
  const acked = new Set<string>();
  const refused = new Map<string, string>();
  const other: string[] = [];
  const batch = async (label: string, count: number) => {
    await pool(count, 8, async (i) => {
      const id = `${label}-${i}-${randomUUID()}`;
      const reply = await deliver(id);
      if (reply.status === 202) acked.add(id);
      else if (reply.status === 503) refused.set(id, reply.body);
      else other.push(`${reply.status} ${reply.body.slice(0, 200)}`);
    });
  };

  await batch('before', 100);
  expect([acked.size, refused.size, other]).toEqual([100, 0, []]);

  await proxy.cut();
  const cutAt = Date.now();
  await batch('during', 100);
  // Every one refused, each with the sentence, and none acknowledged: nothing durable happened.
  expect(other).toEqual([]);
  expect(acked.size).toBe(100);
  expect(refused.size).toBe(100);
  for (const text of refused.values()) expect(JSON.parse(text).error.code).toBe('database_unavailable');
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
  const notReady = await fetch(`${server.url}/health/ready`);
  expect(notReady.status).toBe(503);
  expect((await notReady.json()).error.message).toMatch(/^Not ready: PostgreSQL cannot be reached/);
  const cutMs = Date.now() - cutAt;

  await proxy.restore();
  const restoredAt = Date.now();
  // The first webhook accepted again: the server's own recovery, nothing restarted.
  let firstAcceptedMs = 0;
  for (let i = 0; firstAcceptedMs === 0; i++) {
    const id = `after-${i}-${randomUUID()}`;
    const reply = await deliver(id);
    if (reply.status === 202) {
      acked.add(id);
      firstAcceptedMs = Date.now() - restoredAt;
    } else {
      expect(reply.status).toBe(503);
      if (Date.now() - restoredAt > 15_000) throw new Error('the server did not take webhooks again within 15 s of the database coming back');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await batch('after', 100);
  expect(other).toEqual([]);
  // The sender tries the refused ones again (GitHub's redelivery): each is stored once now.
  const redelivered = await Promise.all([...refused.keys()].map(async (id) => [id, (await deliver(id)).status] as const));
  expect(redelivered.filter(([, status]) => status !== 202)).toEqual([]);

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const c = new pg.Client(database.url);
    await c.connect();
    try {
      return (await c.query<T>(text, values)).rows;
    } finally {
      await c.end();
    }
  };
  const events = new Map((await query<{ key: string; n: number }>(
    `SELECT d.delivery_key AS key, COUNT(e.id)::int AS n FROM deliveries d JOIN events e ON e.delivery_id = d.id WHERE d.provider = 'github' GROUP BY d.delivery_key`,
  )).map((r) => [r.key, r.n]));
  expect([...acked, ...refused.keys()].filter((id) => events.get(id) !== 1)).toEqual([]);
  expect(events.size).toBe(acked.size + refused.size);

  // The browser attached all along gets every event of its user, once, in order: push recovered too.
  const want = (await query<{ id: number }>('SELECT id::int AS id FROM events WHERE workspace_id = $1 ORDER BY id', [workspaceId])).map((r) => r.id);
  const waitStarted = Date.now();
  while (client.ids.length < want.length && Date.now() - waitStarted < 15_000) await new Promise((r) => setTimeout(r, 50));
  expect(client.problems).toEqual([]);
  expect(client.ids).toEqual(want);
  console.info(`postgres-lost-server: 100 webhooks during a ${cutMs} ms cut, all 503; the first accepted ${firstAcceptedMs} ms after the database came back; push client reconnects ${client.reconnects}`);
}, 90_000);

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findProvider } from '../../shared/providers';
import { loadConfig } from '../../server/config';
import { saveConnection } from '../../server/connections/save-connection';
import { buildDeps } from '../../server/start';
import { openStore } from '../../server/store/open';
import { githubExample } from '../../server/testing/webhooks';
import { createTestDatabase } from '../../server/store/testing/engines';
import { keepAliveAgent, pool, send } from '../bench/http-load';
import { EXAMPLE_LOGIN } from '../bench/server-process';
import { createGithubEmulator } from '../emulators/github';
import { createHubspotEmulator } from '../emulators/hubspot';
import { startEmulator, type RunningEmulator } from '../emulators/serve';
import { emulatorEnv } from '../support/stack-env';
import { githubHeaders } from '../support/webhook-signing';
import { startInstances, type Instances } from './instances';
import { PushClient } from '../support/push-client';

// Several instances on one PostgreSQL, as issue 9 asks, with real processes: 3 servers
// sharing a database and a vault key; WebSocket clients of two users spread over them;
// 3,000 signed GitHub webhooks sent to random instances, 32 at a time, with one instance
// killed (SIGKILL) part-way and started again. Then every acknowledged delivery is exactly
// one event, and every client got every event of its user once, in id order, whichever
// instance it was attached to (clients of the killed one reconnect with their cursor, as
// the extension does). Last, 500 HubSpot actions spread over the 3 instances stay under
// the emulator's limit together: no 429 reaches a user.
//
// Sized for a 2-core machine: these are the issue's counts; the instances' pools are
// small (4) because the three and the test share the cores.

const INSTANCES = 3;
const WEBHOOKS = 3000;
const CONCURRENCY = 32;
const KILL_AT_ACKS = 1200;
const VICTIM = 1;
const CLIENTS_PER_USER_PER_INSTANCE = 2;
const ACTIONS = 500;
const ACTION_CONCURRENCY = 50;
/**
 * The emulator allows 100 calls per 3 s here (HubSpot: per 10 s), and the servers are told
 * the same. A window the three instances can overrun between them on this machine: each
 * counting alone would allow 300 in it, and they send ~150 in 3 s (checked: with a
 * per-process limiter the emulator refuses dozens), while 500 still take only ~15 s.
 */
const HUBSPOT_LIMIT = { max: 100, intervalMs: 3000 };

let database: { url: string; drop(): Promise<void> };
let github: RunningEmulator;
let hubspot: RunningEmulator;
const githubEmulator = createGithubEmulator();
const hubspotEmulator = createHubspotEmulator({ rateLimit: HUBSPOT_LIMIT });
let instances: Instances | undefined;
const clients: PushClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  [github, hubspot] = await Promise.all([startEmulator(githubEmulator.app), startEmulator(hubspotEmulator.app)]);
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await instances?.stop();
  await Promise.all([github?.close(), hubspot?.close()]);
  await database?.drop();
}, 30_000);

type User = { token: string; workspaceId: string; login: string };

async function json(url: string, method: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/**
 * Signs up through one instance, then gives the user a GitHub connection as `login`. GitHub
 * connects only through OAuth, whose consent the emulator gives as its one user, so the
 * connection is written straight into the database with the instances' vault key (as the
 * durability test seeds its data folder); the HubSpot one below goes through the API.
 */
async function user(signUpOn: string, login: string, githubId: number): Promise<User> {
  const signUp = await json(`${signUpOn}/api/auth/signup`, 'POST', { email: `${login.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery' });
  expect(signUp.status).toBe(201);
  const { token, user: who } = signUp.json as { token: string; user: { id: string; workspaceId: string } };
  const store = await openStore({ databaseUrl: database.url, poolSize: 1 });
  try {
    const deps = await buildDeps({ config: loadConfig({ WEFT_SECRET_KEY: instances!.secretKey }), store, log: { info() {}, warn() {}, error() {} } });
    await saveConnection(deps.db, deps.vault, findProvider('github')!, { id: String(githubId), label: login }, {
      authMode: 'oauth2', accessToken: githubEmulator.issueToken({ user: { login, id: githubId } }), refreshToken: null, expiresAt: null, scopes: [],
    }, { workspaceId: who.workspaceId, userId: who.id });
  } finally {
    await store.close();
  }
  return { token, workspaceId: who.workspaceId, login };
}

/** GitHub's example `issues.opened`, sent by and about `login`'s repository. */
function issueBody(login: string): string {
  const payload = githubExample('issues', 'opened');
  payload.repository.owner.login = login;
  payload.sender.login = login;
  return JSON.stringify(payload);
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(database.url);
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function until(what: string, ms: number, fn: () => boolean | Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await fn())) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

it('3 instances, 3,000 webhooks, one instance killed and restarted: every acknowledged delivery is one event, every client gets its user’s events once, in order', async () => {
  instances = await startInstances(INSTANCES, database.url, {
    WEFT_DATABASE_POOL: '4',
    ...emulatorEnv('github', github.url, { oauthApp: false }),
    ...emulatorEnv('hubspot', hubspot.url, { oauthApp: false }),
    WEFT_HUBSPOT_RATE_LIMIT: `${HUBSPOT_LIMIT.max}/${HUBSPOT_LIMIT.intervalMs}ms`,
  });
  const urls = instances.list.map((p) => p.url);
  // Two users, signed up through different instances: what one writes, the others must see.
  const users = [await user(urls[0]!, EXAMPLE_LOGIN, 1001), await user(urls[2]!, 'Hubotcat', 1002)];
  const bodies = users.map((u) => issueBody(u.login));

  for (const [u, who] of users.entries()) {
    for (let i = 0; i < INSTANCES; i++) {
      for (let k = 0; k < CLIENTS_PER_USER_PER_INSTANCE; k++) clients.push(new PushClient(urls, i, users[u]!.token, who.workspaceId));
    }
  }
  await Promise.all(clients.map((c) => c.connect()));

  // The webhooks, each to a random instance; the victim is killed once KILL_AT_ACKS are in.
  const ids = Array.from({ length: WEBHOOKS }, (_, i) => `multi-${i}-${randomUUID()}`);
  const userOf = ids.map(() => Math.floor(Math.random() * users.length));
  const acked = new Set<string>();
  const odd: string[] = [];
  const unanswered = new Set<string>();
  let killedAt = 0;
  let victimReadyAt = 0;
  let restart: Promise<unknown> | undefined;
  const duringOutage = { acked: 0, refused: 0, failed: 0 };
  const agent = keepAliveAgent(CONCURRENCY * INSTANCES);
  const sendStarted = Date.now();
  await pool(WEBHOOKS, CONCURRENCY, async (i) => {
    const id = ids[i]!;
    const body = bodies[userOf[i]!]!;
    const target = Math.floor(Math.random() * INSTANCES);
    const inOutage = () => killedAt > 0 && victimReadyAt === 0;
    try {
      const reply = await send(agent, `${instances!.url(target)}/hooks/github`, 'POST', body, githubHeaders(body, 'issues', id));
      if (reply.status === 202) {
        acked.add(id);
        if (inOutage()) duringOutage.acked++;
      } else {
        odd.push(`${reply.status} ${reply.body.slice(0, 200)}`);
        if (inOutage()) duringOutage.refused++;
      }
    } catch {
      unanswered.add(id);
      if (inOutage()) duringOutage.failed++;
    }
    if (acked.size >= KILL_AT_ACKS && killedAt === 0) {
      killedAt = Date.now();
      restart = instances!.kill9(VICTIM).then(async () => {
        await instances!.restart(VICTIM);
        victimReadyAt = Date.now();
      });
    }
  });
  const sendMs = Date.now() - sendStarted;
  await restart;
  agent.destroy();
  expect(killedAt).toBeGreaterThan(0);
  // A 5xx from a live instance would be a bug; the only refusals are the dead instance's sockets.
  expect(odd).toEqual([]);
  expect(unanswered.size).toBeGreaterThan(0); // the kill really landed mid-stream

  // Every acknowledged delivery is exactly one event, read from the database itself.
  const countEvents = async () =>
    new Map((await query<{ key: string; n: number }>(
      `SELECT d.delivery_key AS key, COUNT(e.id)::int AS n FROM deliveries d JOIN events e ON e.delivery_id = d.id WHERE d.provider = 'github' GROUP BY d.delivery_key`,
    )).map((r) => [r.key, r.n]));
  const afterKill = await countEvents();
  expect([...acked].filter((id) => afterKill.get(id) !== 1)).toEqual([]);
  expect([...afterKill.values()].filter((n) => n !== 1)).toEqual([]);
  const committedButUnanswered = [...unanswered].filter((id) => afterKill.has(id)).length;

  // The sender delivers again what was not acknowledged (GitHub's redelivery), to any
  // instance: what the dead one had committed is a duplicate now, the rest is new.
  const retryAgent = keepAliveAgent(CONCURRENCY);
  const retries = ids.filter((id) => !acked.has(id));
  const retryStatus = new Map<string, number>();
  await pool(retries.length, CONCURRENCY, async (k) => {
    const id = retries[k]!;
    const body = bodies[userOf[ids.indexOf(id)]!]!;
    const reply = await send(retryAgent, `${instances!.url(k % INSTANCES)}/hooks/github`, 'POST', body, githubHeaders(body, 'issues', id));
    retryStatus.set(id, reply.status);
  });
  retryAgent.destroy();
  for (const [id, status] of retryStatus) expect([id, status]).toEqual([id, afterKill.has(id) ? 200 : 202]);
  const final = await countEvents();
  expect(final.size).toBe(WEBHOOKS);
  expect(ids.filter((id) => final.get(id) !== 1)).toEqual([]);

  // Every client has every event of its user, once, in id order, whichever instance it was on.
  const expected = new Map<string, number[]>();
  for (const u of users) {
    expected.set(u.workspaceId, (await query<{ id: number }>('SELECT id::int AS id FROM events WHERE workspace_id = $1 ORDER BY id', [u.workspaceId])).map((r) => r.id));
  }
  console.info(
    [
      `several-instances: ${WEBHOOKS} webhooks in ${(sendMs / 1000).toFixed(1)} s to ${INSTANCES} instances (${Math.round(WEBHOOKS / (sendMs / 1000))}/s), ${acked.size} acknowledged at once`,
      `kill -9 of instance ${VICTIM} after ${KILL_AT_ACKS} acks; ready again after ${victimReadyAt - killedAt} ms; while it was down: ${duringOutage.acked} acknowledged by the others, ${duringOutage.failed} sent to it unanswered, ${duringOutage.refused} refused with a status`,
      `unanswered in all ${unanswered.size}, of which ${committedButUnanswered} had been committed (200 duplicate on redelivery); ${retries.length} redelivered`,
      `events per user: ${users.map((u) => expected.get(u.workspaceId)!.length).join(', ')}`,
    ].join('\n'),
  );
  const lastEventMs = await until('every client has every event of its user', 30_000, () =>
    clients.every((c) => c.ids.length >= expected.get(c.workspaceId)!.length),
  ).catch((error: Error) => {
    const got = clients.map((c, i) => `client ${i} (on instance ${c.attachedTo}, ${c.reconnects} reconnects): ${c.ids.length} of ${expected.get(c.workspaceId)!.length}`);
    throw new Error(`${error.message}\n${got.join('\n')}`);
  });
  for (const [i, c] of clients.entries()) {
    expect([i, c.problems]).toEqual([i, []]);
    const want = expected.get(c.workspaceId)!;
    if (c.ids.length !== want.length || c.ids.some((id, k) => id !== want[k])) {
      const seen = new Set<number>();
      const repeats = c.ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
      const missing = want.filter((id) => !seen.has(id));
      const outOfOrder = c.ids.filter((id, k) => k > 0 && id <= c.ids[k - 1]!).length;
      expect({ client: i, repeats: repeats.slice(0, 10), missing: missing.slice(0, 10), outOfOrder }).toEqual({ client: i, repeats: [], missing: [], outOfOrder: 0 });
    }
  }
  const onVictim = clients.filter((c) => c.reconnects > 0);
  expect(onVictim.length).toBeGreaterThanOrEqual(CLIENTS_PER_USER_PER_INSTANCE * users.length);

  console.info(`several-instances: ${clients.length} clients: ${onVictim.length} reconnected (${onVictim.reduce((n, c) => n + c.reconnects, 0)} reconnects), each back in ${Math.max(...onVictim.flatMap((c) => c.reconnectMs))} ms at most; every event at every client ${lastEventMs} ms after the last redelivery was answered`);

  // 500 HubSpot actions over the three instances, through one user's connection: together
  // they stay under the limit the emulator enforces, so every one succeeds.
  const connected = await json(`${urls[0]}/api/connections`, 'POST', { provider: 'hubspot', credentials: { token: hubspotEmulator.issueToken() } }, users[0]!.token);
  expect(connected.status).toBe(201);
  const actionAgent = keepAliveAgent(ACTION_CONCURRENCY);
  const statuses: string[] = [];
  const actionsStarted = Date.now();
  await pool(ACTIONS, ACTION_CONCURRENCY, async (i) => {
    const body = JSON.stringify({ connectionId: connected.json.connection.id, input: { object: 'contacts', id: i % 2 ? '10001' : '10002' } });
    const reply = await send(actionAgent, `${instances!.url(i % INSTANCES)}/api/actions/hubspot/get_record`, 'POST', body, {
      'content-type': 'application/json', authorization: `Bearer ${users[0]!.token}`, 'idempotency-key': `multi-action-${i}-${randomUUID()}`,
    });
    if (reply.status !== 200) statuses.push(`${reply.status} ${reply.body.slice(0, 200)}`);
  });
  actionAgent.destroy();
  const actionsMs = Date.now() - actionsStarted;
  console.info(`several-instances: ${ACTIONS} HubSpot actions over ${INSTANCES} instances in ${(actionsMs / 1000).toFixed(1)} s; 429s at the emulator: ${hubspotEmulator.stats.rateLimited}; non-200 to the user: ${statuses.length}`);
  expect(statuses).toEqual([]);
  // The limiter paces by dispatch and the emulator counts by arrival, so on a loaded machine
  // a few sent at the end of one window land in the next and are retried unseen (as in the
  // one-instance test, server/actions/actions.test.ts; here three processes share the cores
  // with PostgreSQL): 0 to 6 of 500 in runs here. Each instance counting alone gave 144,
  // and 2 of them reached the user as 502s.
  expect(hubspotEmulator.stats.rateLimited).toBeLessThanOrEqual(15);
}, 300_000);

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import { githubExample } from '../../server/testing/webhooks';
import { startCluster } from '../../server/store/testing/postgres-cluster';
import { createDatabase } from '../../server/store/testing/test-databases';
import { openStore } from '../../server/store/open';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { githubHeaders } from '../support/webhook-signing';
import { closedLoopRate, keepAliveAgent, percentile, send, type Reply } from './http-load';
import { openLoop, type OpenLoopResult } from './open-loop';
import { seedGithubUser, startServerProcess, type ServerProcess } from './server-process';

// PostgreSQL in `npm run bench` (also alone: `npx tsx test/bench/postgres.ts`): a throwaway
// cluster started from the machine's binaries as the tests start theirs, but with fsync and
// synchronous commit on, so a 2xx means the WAL is on disk, as SQLite's fsync does.
// - Intake (the same signed 11 KB issues.opened) with one instance and with three sharing
//   the database, the requests spread over them as a load balancer would: a steady rate
//   (half of the one-instance capacity, the same for both, so the latencies compare) and a
//   saturating one (1.5 × each setup's own capacity: achieved is its throughput).
// - Cross-instance push: a webhook accepted by instance A until a WebSocket client on
//   instance B has it (the LISTEN/NOTIFY wake-up and B's catch-up read), one at a time.

const SOCKETS = 64;
const SECONDS = 2;
const ROUNDS = 3;
const PUSH_WEBHOOKS = 200;
const PUSH_WAIT_MS = 10_000;

export interface PostgresIntakeFigures {
  instances: number;
  capacityRps: number;
  steady: OpenLoopResult[];
  saturated: OpenLoopResult[];
}

export interface PostgresBench {
  intake: PostgresIntakeFigures[];
  push: { webhooks: number; p50ms: number; p95ms: number; p99ms: number; maxMs: number };
  table: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const roundRate = (rps: number) => Math.max(50, Math.round(rps / 50) * 50);

/** Intake spread round-robin over `urls`, SOCKETS keep-alive connections in all. */
function intakeTarget(urls: string[]) {
  const run = randomUUID().slice(0, 8);
  const body = JSON.stringify(githubExample('issues', 'opened'));
  const signed = githubHeaders(body, 'issues');
  let seq = 0;
  let agents: http.Agent[] = [];
  const fresh = () => {
    agents.forEach((a) => a.destroy());
    agents = urls.map(() => keepAliveAgent(Math.ceil(SOCKETS / urls.length)));
  };
  fresh();
  return {
    fresh,
    close: () => agents.forEach((a) => a.destroy()),
    make: (): Promise<Reply> => {
      const i = seq++;
      return send(agents[i % urls.length]!, `${urls[i % urls.length]}/hooks/github`, 'POST', body, { ...signed, 'x-github-delivery': `pg-bench-${run}-${i}` });
    },
    ok: (r: Reply) => r.status === 202 && r.body.includes('"events":1'),
  };
}

async function measureIntake(urls: string[], steadyRate: number | undefined, log: (line: string) => void): Promise<PostgresIntakeFigures> {
  const target = intakeTarget(urls);
  try {
    for (let i = 0; i < 300; i++) {
      const r = await target.make();
      if (!target.ok(r)) throw new Error(`PostgreSQL intake answered ${r.status} ${r.body.slice(0, 200)}`);
    }
    let capacity = 0;
    for (let probe = 0; probe < 2; probe++) {
      await pause(500);
      capacity = Math.max(capacity, await closedLoopRate(1.5, SOCKETS, target.make));
    }
    const steady = steadyRate ?? roundRate(capacity * 0.5);
    log(`  ${urls.length} instance(s): capacity estimate ${Math.round(capacity)} req/s; steady rate ${steady}`);
    const figures: PostgresIntakeFigures = { instances: urls.length, capacityRps: capacity, steady: [], saturated: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [kind, rate] of [['steady', steady], ['saturated', roundRate(capacity * 1.5)]] as const) {
        target.fresh();
        await pause(500);
        figures[kind].push(await openLoop({ rate, seconds: SECONDS, make: target.make, ok: target.ok }));
      }
    }
    return figures;
  } finally {
    target.close();
  }
}

/** Webhook to `postUrl` → the event on a WebSocket attached to `wsBase`, one at a time. */
async function measureCrossInstancePush(postUrl: string, wsBase: string, token: string, cursor: number) {
  const ws = new WebSocket(`${wsBase.replace(/^http/, 'ws')}/api/events/ws`, { perMessageDeflate: false });
  let arrived: ((seq: number, at: number) => void) | undefined;
  const marker = Buffer.from('"weft_bench_seq":');
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token, cursor })));
    ws.on('message', (raw: Buffer) => {
      const at = performance.now();
      const i = raw.indexOf(marker);
      if (i >= 0) return arrived?.(Number.parseInt(raw.toString('latin1', i + marker.length, i + marker.length + 12), 10), at);
      const m = JSON.parse(raw.toString()) as { type: string; message?: string };
      if (m.type === 'ready') resolve();
      else if (m.type === 'error') reject(new Error(m.message));
    });
  });
  const agent = keepAliveAgent(1);
  const latencies: number[] = [];
  try {
    const example = githubExample('issues', 'opened');
    for (let seq = 0; seq < PUSH_WEBHOOKS; seq++) {
      const body = JSON.stringify({ weft_bench_seq: seq, ...example });
      const got = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`cross-instance push: webhook ${seq} had not arrived after ${PUSH_WAIT_MS} ms`)), PUSH_WAIT_MS);
        arrived = (s, at) => {
          if (s === seq) {
            clearTimeout(timer);
            resolve(at);
          }
        };
      });
      got.catch(() => {});
      const sent = performance.now();
      const reply = await send(agent, `${postUrl}/hooks/github`, 'POST', body, githubHeaders(body, 'issues'));
      if (reply.status !== 202) throw new Error(`cross-instance push: webhook ${seq}: ${reply.status} ${reply.body.slice(0, 200)}`);
      latencies.push((await got) - sent);
    }
  } finally {
    agent.destroy();
    ws.terminate();
  }
  latencies.sort((a, b) => a - b);
  return { webhooks: PUSH_WEBHOOKS, p50ms: percentile(latencies, 50), p95ms: percentile(latencies, 95), p99ms: percentile(latencies, 99), maxMs: latencies.at(-1)! };
}

async function latestEventId(url: string): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return Number((await client.query<{ id: string | null }>('SELECT MAX(id) AS id FROM events')).rows[0]!.id ?? 0);
  } finally {
    await client.end();
  }
}

export async function benchPostgres(log: (line: string) => void = () => {}): Promise<PostgresBench> {
  log('postgres: a throwaway cluster (fsync on)…');
  const cluster = await startCluster({ durable: true });
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  try {
    const database = await createDatabase(cluster.url, 'template0', 'weft_bench');
    await (await openStore({ databaseUrl: database.url, poolSize: 1 })).close(); // migrated once, before any instance
    const secretKey = randomBytes(32).toString('base64');
    const envFor = async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'weft-bench-pg-'));
      dirs.push(dir);
      return serverEnv(dir, await freePort(), { WEFT_BENCH: '1', WEFT_DATABASE_URL: database.url, WEFT_SECRET_KEY: secretKey });
    };
    const first = await envFor();
    const { token } = await seedGithubUser(first);
    servers.push(await startServerProcess(first, { readyPath: '/health/ready' }));

    log('postgres: intake, 1 instance…');
    const one = await measureIntake([servers[0]!.url], undefined, log);
    for (let i = 1; i < 3; i++) servers.push(await startServerProcess(await envFor(), { readyPath: '/health/ready' }));
    log('postgres: intake, 3 instances…');
    const three = await measureIntake(servers.map((s) => s.url), roundRate(one.capacityRps * 0.5), log);
    log(`postgres: cross-instance push, ${PUSH_WEBHOOKS} webhooks to instance A, one client on instance B…`);
    const push = await measureCrossInstancePush(servers[0]!.url, servers[1]!.url, token, await latestEventId(database.url));

    const f = (n: number, digits = 1) => n.toFixed(digits);
    const row = (label: string, runs: OpenLoopResult[]) =>
      `| ${label} | ${f(runs[0]!.offeredRps, 0)} | ${f(median(runs.map((r) => r.achievedRps)), 0)} | ${f(median(runs.map((r) => r.p50ms)))} | ${f(median(runs.map((r) => r.p99ms)))} | ${runs.reduce((n, r) => n + r.errors, 0)} / ${runs.reduce((n, r) => n + r.requests, 0)} | ${f(median(runs.map((r) => r.sendLagP99ms)))} |`;
    const table = [
      `PostgreSQL (a throwaway cluster on this machine, fsync on; pool 10 per instance): POST /hooks/github issues.opened, ${SOCKETS} keep-alive connections spread over the instances, ${SECONDS} s per run, medians of ${ROUNDS} rounds. Estimated capacities (req/s): 1 instance ${f(one.capacityRps, 0)}, 3 instances ${f(three.capacityRps, 0)}`,
      '',
      '| PostgreSQL intake | offered req/s | achieved req/s | p50 ms | p99 ms | errors | send lag p99 ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      row('1 instance, steady', one.steady),
      row('3 instances, steady', three.steady),
      row('1 instance, saturated', one.saturated),
      row('3 instances, saturated', three.saturated),
      '',
      `| cross-instance push, ${push.webhooks} webhooks one at a time | p50 | p95 | p99 | max |`,
      '|---|---:|---:|---:|---:|',
      `| accepted by instance A → received on a WebSocket attached to instance B | ${f(push.p50ms)} ms | ${f(push.p95ms)} ms | ${f(push.p99ms)} ms | ${f(push.maxMs)} ms |`,
    ];
    return { intake: [one, three], push, table };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await cluster.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchPostgres((line) => process.stderr.write(`${line}\n`));
  console.log(`\n${result.table.join('\n')}\n`);
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { benchFlows, flowsTable } from './flows';
import { benchIntake, INTAKE_DEFAULTS, KEPT_UP, TARGETS, type Figures } from './intake';
import { benchOverlay } from './overlay';
import { benchPostgres } from './postgres';
import { benchPush } from './push';
import { flowTargetRows, targetRows } from './targets';
import { seedGithubUser, startServerProcess } from './server-process';

// `npm run bench`: intake under an open-loop load (with its two ceilings), push latency,
// and the overlay's cost, against one real server process on 127.0.0.1 with its data on
// disk; then intake on PostgreSQL with one and three instances and the push from one
// instance to another (postgres.ts, on a throwaway cluster of its own); then the flow
// engine on SQLite (flows.ts, a server of its own built in this process so its jobs can
// be timed). Prints a markdown
// table and writes the numbers to bench-results/.
// `npm run bench -- --profile` also writes the server's CPU profile there (open it in
// Chrome DevTools → Performance). What each figure means: README, "Benchmarks".

const PUSH_WEBHOOKS = 200;
/** The push clients' threads: one per core, so they read in parallel without starving the server. */
const PUSH_THREADS = Math.max(2, os.availableParallelism());
const RESULTS = path.resolve('bench-results');

const profile = process.argv.includes('--profile');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'weft-bench-'));
const env = serverEnv(dataDir, await freePort(), { WEFT_BENCH: '1' });
const { token } = await seedGithubUser(env);
mkdirSync(RESULTS, { recursive: true });
const server = await startServerProcess(env, {
  nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS}`, `--cpu-prof-name=server-${stamp}.cpuprofile`] : [],
});

const log = (line: string) => process.stderr.write(`${line}\n`);
const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');
try {
  const loadBefore = loadAverage();
  const o = INTAKE_DEFAULTS;
  log(`intake: 4 targets × 2 rates × ${o.rounds} rounds of ${o.seconds} s, open loop over ${o.sockets} connections…`);
  const intake = await benchIntake(server.url, o, log);
  log(`push: ${PUSH_WEBHOOKS} webhooks to 1 client…`);
  const push1 = await benchPush(server.url, dataDir, token, { clients: 1, threads: 1, webhooks: PUSH_WEBHOOKS });
  log(`push: ${PUSH_WEBHOOKS} webhooks to 1,000 clients on ${PUSH_THREADS} threads…`);
  const push1000 = await benchPush(server.url, dataDir, token, { clients: 1000, threads: PUSH_THREADS, webhooks: PUSH_WEBHOOKS });
  // Its own cluster and server processes; the SQLite server above idles meanwhile.
  const postgres = await benchPostgres(log);
  // A server of its own, in this process; the one above idles meanwhile.
  const flows = await benchFlows(log);
  log('overlay: 50 loads of the GitHub issue fixture, 20 pairs with / without the extension, 10 traced loads, in Chromium (needs `npm run build`)…');
  const overlay = await benchOverlay();
  const loadAfter = loadAverage();

  const f = (n: number, digits = 1) => n.toFixed(digits);
  const names = {
    notFound: 'GET unknown path → 404 (no middleware; reference)',
    health: 'GET /health (ceiling)',
    sink: 'POST /hooks/bench/sink, same body, bytes checked (ceiling)',
    intake: 'POST /hooks/github issues.opened (intake)',
  } as const;
  const rows = (figures: Record<keyof typeof names, Figures>, saturating: boolean) =>
    (Object.keys(names) as (keyof typeof names)[]).map((n) => {
      const r = figures[n];
      // The capacity estimate is checked before the rounds, but a busy machine can still
      // make a "saturating" rate one the server kept up with. Say so.
      const keptUp = saturating && r.achievedRps >= KEPT_UP * r.offeredRps ? ' (kept up: not saturated)' : '';
      return `| ${names[n]} | ${f(r.offeredRps, 0)} | ${f(r.achievedRps, 0)}${keptUp} | ${f(r.p50ms)} | ${f(r.p99ms)} | ${r.errors} / ${r.requests} | ${f(r.sendLagP99ms)} |`;
    });
  const header = ['| target | offered req/s | achieved req/s | p50 ms | p99 ms | errors | send lag p99 ms |', '|---|---:|---:|---:|---:|---:|---:|'];
  const mt = overlay.mainThread;
  const table = [
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}; load average (1/5/15 min) ${loadBefore} at the start, ${loadAfter} at the end`,
    '',
    `Intake: open loop (latency from each request's due time), ${o.sockets} keep-alive connections, body ${intake.bodyBytes} bytes, ${o.seconds} s per run; medians of ${o.rounds} interleaved rounds, errors summed.`,
    '',
    `Steady: every target offered ${f(intake.steady.intake.offeredRps, 0)} req/s (${o.steadyShare} × intake's estimated capacity)`,
    '',
    ...header,
    ...rows(intake.steady, false),
    '',
    `Saturated: each target offered ${o.overload} × its own estimated capacity (achieved = its throughput; p50/p99 include the queue that builds). Estimated capacities (req/s): ${TARGETS.map((n) => `${n} ${f(intake.capacity[n], 0)}`).join(', ')}`,
    '',
    ...header,
    ...rows(intake.saturated, true),
    '',
    `intake / body ceiling = ${f(intake.saturated.intake.achievedRps / intake.saturated.sink.achievedRps, 2)}; intake / health = ${f(intake.saturated.intake.achievedRps / intake.saturated.health.achievedRps, 2)} (achieved, saturated)`,
    '',
    `| push, ${PUSH_WEBHOOKS} webhooks one at a time | client threads | first client p50 | first p99 | last client p50 | last p99 | connect all |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...[push1, push1000].map((p) => `| ${p.clients} client${p.clients > 1 ? 's' : ''} | ${p.threads} | ${f(p.firstP50ms)} ms | ${f(p.firstP99ms)} ms | ${f(p.lastP50ms)} ms | ${f(p.lastP99ms)} ms | ${f(p.connectSeconds, 2)} s |`),
    '',
    ...postgres.table,
    '',
    ...flowsTable(flows),
    '',
    `| issue 9's and 10's targets (this run) | measured | target | met |`,
    '|---|---:|---:|:---:|',
    ...[...targetRows(intake, push1000, postgres.push), ...flowTargetRows(flows)].map((t) => `| ${t.figure} | ${t.measured} | ${t.target} | ${t.met ? 'yes' : '**no**'} |`),
    '',
    `| overlay (GitHub issue fixture, Chromium) | value |`,
    '|---|---:|',
    `| navigation → panel with cached data, p50 / p95 over ${overlay.loads} loads | ${f(overlay.panelP50ms)} / ${f(overlay.panelP95ms)} ms |`,
    ...overlay.bundles.map((b) => `| ${b.name} raw / gzip | ${f(b.rawBytes / 1024)} / ${f(b.gzipBytes / 1024)} KiB |`),
    `| main-thread time per load (to ${mt.settleMs} ms after load), with / without the extension, medians | ${f(mt.withP50ms)} / ${f(mt.withoutP50ms)} ms |`,
    `| extra main-thread time per load: paired difference, p50 / p90 over ${mt.pairs} interleaved pairs | +${f(mt.extraP50ms)} / +${f(mt.extraP90ms)} ms |`,
    `| content script's own JS per load (sampled in a Chrome trace), p50 / p90 over ${overlay.contentScript.loads} loads; all busy time p50 | ${f(overlay.contentScript.scriptP50ms)} / ${f(overlay.contentScript.scriptP90ms)} ms of ${f(overlay.contentScript.busyP50ms)} ms |`,
  ].join('\n');
  console.log(`\n${table}\n`);
  const file = path.join(RESULTS, `bench-${stamp}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: { before: loadBefore, after: loadAfter }, intake, push: [push1, push1000], postgres: { intake: postgres.intake, push: postgres.push }, flows, overlay }, null, 2));
  log(`wrote ${file}`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

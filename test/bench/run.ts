import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { serverEnv } from '../support/stack-env';
import { benchIntake, INTAKE_DEFAULTS } from './intake';
import { benchOverlay } from './overlay';
import { benchPush } from './push';
import { seedGithubUser, startServerProcess } from './server-process';

// `npm run bench`: intake throughput (with its two ceilings) and push latency, against one
// real server process on 127.0.0.1 with its data on disk. Prints a markdown table and
// writes the numbers to bench-results/. `npm run bench -- --profile` also writes the
// server's CPU profile there (open it in Chrome DevTools → Performance).

const PUSH_WEBHOOKS = 200;
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
try {
  log(`intake: ${INTAKE_DEFAULTS.rounds} × ${INTAKE_DEFAULTS.requests} requests per target, concurrency ${INTAKE_DEFAULTS.concurrency}…`);
  const intake = await benchIntake(server.url);
  log(`push: ${PUSH_WEBHOOKS} webhooks to 1 client…`);
  const push1 = await benchPush(server.url, dataDir, token, 1, PUSH_WEBHOOKS);
  log(`push: ${PUSH_WEBHOOKS} webhooks to 1,000 clients…`);
  const push1000 = await benchPush(server.url, dataDir, token, 1000, PUSH_WEBHOOKS);
  log('overlay: 50 loads of the GitHub issue fixture in Chromium (needs `npm run build`)…');
  const overlay = await benchOverlay();

  const f = (n: number, digits = 1) => n.toFixed(digits);
  const row = (name: string, r: { rps: number; p50ms: number; p99ms: number; errors: number }) =>
    `| ${name} | ${f(r.rps, 0)} | ${f(r.p50ms)} | ${f(r.p99ms)} | ${r.errors} |`;
  const table = [
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}; body ${intake.bodyBytes} bytes; concurrency ${INTAKE_DEFAULTS.concurrency}, ${INTAKE_DEFAULTS.requests} requests (median of ${INTAKE_DEFAULTS.rounds} rounds)`,
    '',
    '| target | req/s | p50 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|',
    row('GET unknown path → 404 (no middleware; reference)', intake.notFound),
    row('GET /health (ceiling)', intake.health),
    row('POST /bench/sink, same body (ceiling)', intake.sink),
    row('POST /hooks/github issues.opened (intake)', intake.intake),
    '',
    `intake / body ceiling = ${f(intake.intake.rps / intake.sink.rps, 2)}; intake / health = ${f(intake.intake.rps / intake.health.rps, 2)}`,
    '',
    `| push, ${PUSH_WEBHOOKS} webhooks one at a time | first client p50 | first p99 | last client p50 | last p99 | connect all |`,
    '|---|---:|---:|---:|---:|---:|',
    ...[push1, push1000].map((p) => `| ${p.clients} client${p.clients > 1 ? 's' : ''} | ${f(p.firstP50ms)} ms | ${f(p.firstP99ms)} ms | ${f(p.lastP50ms)} ms | ${f(p.lastP99ms)} ms | ${f(p.connectSeconds, 2)} s |`),
    '',
    `| overlay (GitHub issue fixture, Chromium) | value |`,
    '|---|---:|',
    `| navigation → panel with cached data, p50 / p95 over ${overlay.loads} loads | ${f(overlay.panelP50ms)} / ${f(overlay.panelP95ms)} ms |`,
    ...overlay.bundles.map((b) => `| ${b.name} raw / gzip | ${f(b.rawBytes / 1024)} / ${f(b.gzipBytes / 1024)} KiB |`),
    `| main-thread time per load with / without the extension (median of ${overlay.mainThread.loads}) | ${f(overlay.mainThread.withMs)} / ${f(overlay.mainThread.withoutMs)} ms (+${f(overlay.mainThread.extraMs)}) |`,
  ].join('\n');
  console.log(`\n${table}\n`);
  const file = path.join(RESULTS, `bench-${stamp}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, intake, push: [push1, push1000], overlay }, null, 2));
  log(`wrote ${file}`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

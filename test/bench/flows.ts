import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml } from 'yaml';
import { integrationDocument } from '../../shared/flows/document';
import { findProvider } from '../../shared/providers';
import { nonJsonRoutes, apiResponses } from '../../shared/protocol/routes';
import { STEP_TASK } from '../../server/flows/runner/step-jobs';
import { newId, nowIso } from '../../server/lib/ids';
import { saveConnection } from '../../server/connections/save-connection';
import { startWeft, type RunningWeft } from '../../server/start';
import { openStore } from '../../server/store/open';
import { emulatedFetch } from '../../server/testing/emulated-fetch';
import { githubExample } from '../../server/testing/webhooks';
import { createSlackEmulator, type SlackEmulator } from '../emulators/slack';
import { freePort } from '../support/free-port';
import { registeredFor } from '../support/oauth-callback';
import { emulatorEnv, serverEnv } from '../support/stack-env';
import { githubHeaders } from '../support/webhook-signing';
import { createProbes, type JobTiming, type Probes } from './flow-probes';
import { percentile } from './http-load';
import { EXAMPLE_LOGIN } from './server-process';

// The flow engine's figures (issue 10), on SQLite with its data on disk, against a real
// server built in this process (startWeft, its HTTP listener on 127.0.0.1) so that every
// job its runner runs can be timed, with the provider calls inside each job timed apart
// (flow-probes.ts). Slack is the emulator, answering in process; its time is measured
// inside each step and subtracted, never guessed.
//
// - Engine overhead per step: runs of a flow of STEPS Slack posts, one run at a time. A
//   step's overhead is the time from the end of the previous step's job (for the first
//   step: its own job's start) to the end of its own, less the time inside its provider
//   call: the job queue handing the step over, loading the run, rendering the input,
//   checking it, the executor's idempotency and rate-limit bookkeeping, and the commit
//   of its output with the next step's enqueue.
// - Webhook → first step: a signed request sent → the flow's first step job starting,
//   one request at a time, for a GitHub `issues.opened` reaching an `event` trigger and,
//   where the server has them, a flow's own `webhook` trigger URL.
// - Events evaluated against 1,000 enabled flows: 1,000 instances listening to
//   `github.issues.opened`, each with an `if` on its own label; signed webhooks sent as
//   fast as intake takes them, each labelled for one instance: from the first send until
//   every (event, flow) pair has its run or its "filtered" record.

const SL = 'http://slack.test';
/** The server's warnings and errors reach the bench's output: a figure taken while something failed says so. */
const serverLog = {
  info() {},
  warn: (m: string, f?: object) => process.stderr.write(`  server warning: ${m} ${f ? JSON.stringify(f).slice(0, 600) : ''}\n`),
  error: (m: string, f?: object) => process.stderr.write(`  server error: ${m} ${f ? JSON.stringify(f).slice(0, 600) : ''}\n`),
};

export const FLOWS_BENCH = {
  /** Steps of the flow whose runs measure the engine's overhead per step. */
  steps: 10,
  /** Runs of it measured (after WARM_UP). */
  runs: 30,
  warmUp: 3,
  /** Webhooks sent one at a time, per trigger kind. */
  webhooks: 200,
  /** Enabled flows the events are evaluated against. */
  flows: 1000,
  events: 50,
  /** Webhooks in flight at once while events are sent. */
  concurrency: 8,
} as const;

export interface FlowsBenchResult {
  stepOverhead: { steps: number; samples: number; p50ms: number; p99ms: number; handoffP50ms: number; jobP50ms: number; providerP50ms: number };
  webhookToFirstStep: { trigger: string; webhooks: number; p50ms: number; p95ms: number; p99ms: number; acceptedP50ms: number }[];
  eventsAgainstFlows: { flows: number; events: number; seconds: number; eventsPerSecond: number; evaluationsPerSecond: number; runs: number; filtered: number };
}

/** What the bench needs of a server built in process: its URL and deps, the user, its connections. */
interface Bench {
  weft: RunningWeft;
  probes: Probes;
  user: { id: string; workspaceId: string };
  config: Record<string, string>;
  slack: SlackEmulator;
  /** A new Slack channel the bot is in: Weft allows one message a second per channel, so every message goes to a channel of its own. */
  channel(): string;
}

export async function benchFlows(log: (line: string) => void, options: Partial<Record<keyof typeof FLOWS_BENCH, number>> = {}): Promise<FlowsBenchResult> {
  const o = { ...FLOWS_BENCH, ...options };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'weft-bench-flows-'));
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  // Waits for a provider's rate limit are not the engine's work: the emulator's limits are
  // lifted, and Weft's one message a second per channel (server/providers/slack/actions.ts)
  // is kept clear of by posting each message in a channel of its own. Weft's per-connection
  // limit (Slack's 50 a minute) is replaced by 100 per 10 ms: it never binds at this pace,
  // and, like the real one, its window holds a few dozen turns at most. (A limit of a
  // million a second never binds either, but its window held every post of the last second,
  // and counting them was charged to the engine: about 0.1 ms a step no real limit costs.)
  const slack = createSlackEmulator({ ...registeredFor(publicUrl, 'slack'), postMessageLimit: { perSecond: 1e9, burst: 1e9 }, rateLimitPerMinute: 1e9 });
  const env = serverEnv(dataDir, port, { ...emulatorEnv('slack', SL, { oauthApp: false }), WEFT_SLACK_RATE_LIMIT: '100/10ms' });
  const probes = createProbes();
  const store = probes.wrapStore(await openStore({ dataDir, log: serverLog }));
  const weft = await startWeft(env, { log: serverLog, store, fetch: probes.wrapFetch(emulatedFetch({ [SL]: slack.app })) });
  try {
    const b = await seed(weft, probes, slack);
    log(`flows: engine overhead per step, ${o.runs} runs of ${o.steps} Slack posts, one at a time…`);
    const stepOverhead = await benchStepOverhead(b, o.steps, o.runs, o.warmUp, log);
    log(`flows: webhook → first step, ${o.webhooks} webhooks one at a time…`);
    const webhookToFirstStep = await benchWebhookToFirstStep(b, o.webhooks);
    log(`flows: ${o.events} events against ${o.flows.toLocaleString('en')} enabled flows…`);
    const eventsAgainstFlows = await benchEventsAgainstFlows(b, o.flows, o.events, o.concurrency);
    return { stepOverhead, webhookToFirstStep, eventsAgainstFlows };
  } finally {
    await weft.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function seed(weft: RunningWeft, probes: Probes, slack: SlackEmulator): Promise<Bench> {
  const signUp = await fetch(`${weft.url}/api/auth/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-flows-${Date.now()}@example.com`, password: 'correct horse battery staple' }),
  });
  if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const { user } = (await signUp.json()) as { user: { id: string; workspaceId: string } };
  const target = { workspaceId: user.workspaceId, userId: user.id };
  // GitHub's example payloads are Codertocat's: a connection to that account routes them here.
  const github = await saveConnection(weft.deps.db, weft.deps.vault, findProvider('github')!, { id: 'gh-1', label: EXAMPLE_LOGIN },
    { authMode: 'api_key', accessToken: 'x', refreshToken: null, expiresAt: null, scopes: [] }, target);
  const slackConnection = await saveConnection(weft.deps.db, weft.deps.vault, findProvider('slack')!, { id: 'T0WEFT0001', label: 'Weft Test Workspace' },
    { authMode: 'oauth2', accessToken: slack.issueToken(), refreshToken: null, expiresAt: null, scopes: [] }, target);
  let channels = 0;
  const channel = () => slack.seedChannel({ name: `bench-${++channels}`, id: `CB${channels}X` }).id;
  return { weft, probes, user, slack, channel, config: { github: github.row.id, slack: slackConnection.row.id } };
}

/**
 * Publishes `yaml` as version 1 of a new integration and deploys it once per config, as
 * rows (what the API's publish and deploy write; the figures are the runner's, not the
 * API's). Resolves with the instances and the path of each one's webhook URL.
 */
async function deploy(b: Bench, yaml: string, configs: Record<string, string>[]): Promise<{ id: string; webhookPath: string }[]> {
  const document = JSON.stringify(integrationDocument.parse(parseYaml(yaml)));
  const integrationId = newId('int');
  const now = nowIso();
  const instances = configs.map(() => ({ id: newId('ins'), token: randomBytes(16).toString('hex') }));
  await b.weft.deps.store.transaction(async (tx) => {
    await tx.insertInto('integrations').values({
      id: integrationId, workspace_id: b.user.workspaceId, created_by: b.user.id, name: 'bench', description: '', category: '',
      labels: '[]', draft: document, forked_from: null, created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('integration_versions').values({
      integration_id: integrationId, version: 1, note: 'bench', document, content_hash: 'bench', available: 1, template: 0, published_by: b.user.id, published_at: now,
    }).execute();
    for (const [i, instance] of instances.entries()) {
      await tx.insertInto('flow_instances').values({
        id: instance.id, workspace_id: b.user.workspaceId, integration_id: integrationId, version: 1, name: `bench ${i}`,
        config: JSON.stringify({ ...b.config, ...configs[i] }), status: 'active', status_reason: null, webhook_token: instance.token,
        signing_secret: 'unused', failure_alert: null, created_by: b.user.id, created_at: now, updated_at: now,
      }).execute();
    }
  });
  return instances.map((i) => ({ id: i.id, webhookPath: `/hooks/flows/${i.token}` }));
}

const disable = (b: Bench, ids: string[]) => b.weft.deps.db.updateTable('flow_instances').set({ status: 'disabled' }).where('id', 'in', ids).execute();

/** Whether this build serves flows' own webhook URLs (the webhook trigger). */
const hasFlowWebhooks = () => [...Object.keys(apiResponses), ...Object.keys(nonJsonRoutes)].some((r) => r.startsWith('POST /hooks/flows/'));

/**
 * Sends again (at most twice more) when the connection failed before an answer: a kept-alive
 * socket the server closed as the request left. The same delivery id, so it is stored once.
 */
async function resending(send: () => Promise<Response>): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 3 || !(error instanceof TypeError)) throw error;
    }
  }
}

/**
 * A signed GitHub `issues.opened` labelled `label`, its body naming the Slack channel the
 * flows post in (`{{trigger.issue.body}}`); resolves with when it was sent and accepted.
 */
async function sendIssueOpened(b: Bench, label: string, title: string, channel: string): Promise<{ sentMs: number; acceptedMs: number }> {
  const payload = githubExample('issues', 'opened');
  payload.issue.title = title;
  payload.issue.body = channel;
  payload.issue.labels = [{ id: 1, name: label, color: 'd73a4a', default: false, description: null }];
  const body = JSON.stringify(payload);
  const headers = githubHeaders(body, 'issues');
  const sentMs = performance.now();
  const res = await resending(() => fetch(`${b.weft.url}/hooks/github`, { method: 'POST', body, headers }));
  const acceptedMs = performance.now();
  if (res.status !== 202) throw new Error(`webhook: ${res.status} ${await res.text()}`);
  return { sentMs, acceptedMs };
}

const runOf = (job: JobTiming): unknown => job.payload.runId;
const isStepJob = (job: { task: string }) => job.task === STEP_TASK;

async function benchStepOverhead(b: Bench, steps: number, runs: number, warmUp: number, log: (line: string) => void): Promise<FlowsBenchResult['stepOverhead']> {
  const ids = Array.from({ length: steps }, (_, i) => `post-${i + 1}`);
  const yaml = [
    'weft: integration/v1',
    'name: Bench steps',
    'configVars:',
        '  - { key: slack, label: Slack, type: connection, provider: slack }',
    '  - { key: github, label: GitHub, type: connection, provider: github }',
    'flows:',
    '  - id: steps',
    '    name: Steps',
    '    trigger: { type: event, event: github.issues.opened, connection: github, if: \'trigger.issue.labels.exists(l, l.name == "bench-steps")\' }',
    '    steps:',
    // Step i posts in channel <body><i>: channels the bench seeded for the run.
    ...ids.map((id, i) => `      - { id: ${id}, action: slack.post_message, connection: slack, input: { channel: '{{trigger.issue.body}}${i + 1}', text: '${id}: {{trigger.issue.title}}' } }`),
  ].join('\n');
  const instances = await deploy(b, yaml, [{}]);
  const samples: number[] = [];
  const handoffs: number[] = [];
  const jobs: number[] = [];
  const provider: number[] = [];
  const finished = new Set<unknown>();
  for (let r = 0; r < warmUp + runs; r++) {
    const from = b.probes.jobs.length;
    const channel = b.channel();
    for (let i = 1; i <= steps; i++) b.slack.seedChannel({ name: `${channel.toLowerCase()}-${i}`, id: `${channel}${i}` });
    await sendIssueOpened(b, 'bench-steps', `Run ${r}`, channel);
    // The run is done when the job of its last step has ended.
    const runJobs = (): JobTiming[] => b.probes.jobs.slice(from).filter((j) => isStepJob(j) && !finished.has(runOf(j)));
    const sent = performance.now();
    await b.probes.waitForJob((j) => j.failed || (isStepJob(j) && runJobs().filter((x) => runOf(x) === runOf(j) && !x.failed).length >= steps), 120_000);
    // A run this slow waited for something (the machine, a retry): said, so a p99 can be read.
    if (performance.now() - sent > 1000) log(`  run ${r} took ${((performance.now() - sent) / 1000).toFixed(1)} s`);
    const own = runJobs().sort((x, y) => x.startMs - y.startMs);
    finished.add(runOf(own[0]!));
    // A retried step (a job of its own) would be a provider's wait, not the engine's: refused rather than mixed in.
    if (own.some((j) => j.failed) || own.length !== steps) throw new Error(`run ${r}: ${own.length} step jobs, ${own.filter((j) => j.failed).length} failed`);
    if (r < warmUp) continue;
    own.forEach((j, i) => {
      const from = i === 0 ? j.startMs : own[i - 1]!.endMs;
      samples.push(j.endMs - from - j.providerMs);
      handoffs.push(j.startMs - from);
      jobs.push(j.endMs - j.startMs - j.providerMs);
      provider.push(j.providerMs);
    });
  }
  await disable(b, instances.map((i) => i.id));
  const s = [samples, handoffs, jobs, provider].map((v) => v.sort((x, y) => x - y));
  return { steps, samples: samples.length, p50ms: percentile(s[0]!, 50), p99ms: percentile(s[0]!, 99), handoffP50ms: percentile(s[1]!, 50), jobP50ms: percentile(s[2]!, 50), providerP50ms: percentile(s[3]!, 50) };
}

async function benchWebhookToFirstStep(b: Bench, webhooks: number): Promise<FlowsBenchResult['webhookToFirstStep']> {
  const step = `      - { id: notify, action: slack.post_message, connection: slack, input: { channel: '{{trigger.issue.body}}', text: 'New: {{trigger.issue.title}}' } }`;
  const yaml = (trigger: string) => [
    'weft: integration/v1',
    'name: Bench first step',
    'configVars:',
        '  - { key: slack, label: Slack, type: connection, provider: slack }',
    '  - { key: github, label: GitHub, type: connection, provider: github }',
    'flows:',
    '  - id: first',
    '    name: First step',
    `    trigger: ${trigger}`,
    '    steps:',
    step,
  ].join('\n');
  const measure = async (send: (i: number, channel: string) => Promise<{ sentMs: number; acceptedMs: number }>) => {
    const latencies: number[] = [];
    const accepted: number[] = [];
    for (let i = 0; i < webhooks; i++) {
      let firstStart = 0;
      const started = new Promise<void>((resolve) => {
        b.probes.onJobStart = (_task, _payload, atMs) => {
          if (!isStepJob({ task: _task })) return;
          firstStart = atMs;
          b.probes.onJobStart = null;
          resolve();
        };
      });
      const { sentMs, acceptedMs } = await send(i, b.channel());
      await Promise.race([started, new Promise((_, reject) => setTimeout(() => reject(new Error(`webhook ${i}: no step started within 10 s`)), 10_000))]);
      // Wait for the step's job to end too, so the next webhook finds an idle engine.
      await b.probes.waitForJob((j) => isStepJob(j) && j.startMs === firstStart);
      latencies.push(firstStart - sentMs);
      accepted.push(acceptedMs - sentMs);
    }
    latencies.sort((x, y) => x - y);
    accepted.sort((x, y) => x - y);
    return { webhooks, p50ms: percentile(latencies, 50), p95ms: percentile(latencies, 95), p99ms: percentile(latencies, 99), acceptedP50ms: percentile(accepted, 50) };
  };

  const results: FlowsBenchResult['webhookToFirstStep'] = [];
  const onEvent = await deploy(b, yaml('{ type: event, event: github.issues.opened, connection: github }'), [{}]);
  results.push({ trigger: 'GitHub issues.opened → event trigger', ...(await measure((i, channel) => sendIssueOpened(b, 'bench-first', `First ${i}`, channel))) });
  await disable(b, onEvent.map((i) => i.id));

  if (hasFlowWebhooks()) {
    const onWebhook = await deploy(b, yaml('{ type: webhook }'), [{}]);
    const url = `${b.weft.url}${onWebhook[0]!.webhookPath}/first`;
    results.push({
      trigger: 'POST to the flow\'s webhook URL → webhook trigger',
      ...(await measure(async (i, channel) => {
        const body = JSON.stringify({ issue: { title: `Hook ${i}`, body: channel } });
        const sentMs = performance.now();
        const res = await resending(() => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': `msg_bench_${i}` }, body }));
        const acceptedMs = performance.now();
        if (!res.ok) throw new Error(`flow webhook: ${res.status} ${await res.text()}`);
        return { sentMs, acceptedMs };
      })),
    });
    await disable(b, onWebhook.map((i) => i.id));
  }
  return results;
}

async function benchEventsAgainstFlows(b: Bench, flows: number, events: number, concurrency: number): Promise<FlowsBenchResult['eventsAgainstFlows']> {
  const yaml = [
    'weft: integration/v1',
    'name: Bench many flows',
    'configVars:',
        '  - { key: team, label: Team label, type: string }',
    '  - { key: slack, label: Slack, type: connection, provider: slack }',
    '  - { key: github, label: GitHub, type: connection, provider: github }',
    'flows:',
    '  - id: team',
    '    name: Team bug to Slack',
    '    trigger: { type: event, event: github.issues.opened, connection: github, if: \'trigger.issue.labels.exists(l, l.name == config.team)\' }',
    '    steps:',
    `      - { id: notify, action: slack.post_message, connection: slack, input: { channel: '{{trigger.issue.body}}', text: '{{config.team}}: {{trigger.issue.title}}' } }`,
  ].join('\n');
  const instances = await deploy(b, yaml, Array.from({ length: flows }, (_, i) => ({ team: `team-${i}` })));
  const ids = instances.map((i) => i.id);
  const count = async () => {
    const [runs, filtered] = await Promise.all([
      b.weft.deps.db.selectFrom('flow_runs').select((e) => e.fn.countAll<number>().as('n')).where('instance_id', 'in', ids).executeTakeFirstOrThrow(),
      b.weft.deps.db.selectFrom('flow_filtered').select((e) => e.fn.countAll<number>().as('n')).where('instance_id', 'in', ids).executeTakeFirstOrThrow(),
    ]);
    return { runs: Number(runs.n), filtered: Number(filtered.n) };
  };
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < events) {
      const i = next++;
      await sendIssueOpened(b, `team-${(i * 37) % flows}`, `Event ${i}`, b.channel());
    }
  }));
  const deadline = Date.now() + 600_000;
  let seen = await count();
  while (seen.runs + seen.filtered < events * flows) {
    if (Date.now() > deadline) throw new Error(`after 10 minutes: ${seen.runs} runs and ${seen.filtered} filtered of ${events * flows}`);
    await new Promise((r) => setTimeout(r, 20));
    seen = await count();
  }
  const seconds = (performance.now() - started) / 1000;
  await disable(b, ids);
  return { flows, events, seconds, eventsPerSecond: events / seconds, evaluationsPerSecond: (events * flows) / seconds, ...seen };
}

/** The bench's rows for these figures (README, Benchmarks). */
export function flowsTable(r: FlowsBenchResult): string[] {
  const f = (n: number, digits = 1) => n.toFixed(digits);
  const o = r.stepOverhead;
  const e = r.eventsAgainstFlows;
  return [
    `| flows (SQLite, data on disk) | p50 | p95 | p99 |`,
    '|---|---:|---:|---:|',
    `| engine overhead per step, provider call excluded (${o.samples} steps: ${o.samples / o.steps} runs of ${o.steps} Slack posts) | ${f(o.p50ms)} ms | | ${f(o.p99ms)} ms |`,
    `| … of which the job queue's hand-over / the step's job less its provider call (p50) | ${f(o.handoffP50ms)} / ${f(o.jobP50ms)} ms | | |`,
    `| … the provider call itself (the Slack emulator in process, p50) | ${f(o.providerP50ms)} ms | | |`,
    ...r.webhookToFirstStep.map((w) => `| webhook sent → first step starts: ${w.trigger} (${w.webhooks} one at a time; its 2xx at p50 ${f(w.acceptedP50ms)} ms) | ${f(w.p50ms)} ms | ${f(w.p95ms)} ms | ${f(w.p99ms)} ms |`),
    '',
    `| events against ${e.flows.toLocaleString('en')} enabled flows | events | seconds | events/s | trigger evaluations/s | runs | filtered |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    `| signed GitHub issues.opened, each matching one flow's \`if\` | ${e.events} | ${f(e.seconds, 2)} | ${f(e.eventsPerSecond)} | ${f(e.evaluationsPerSecond, 0)} | ${e.runs} | ${e.filtered} |`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchFlows((line) => process.stderr.write(`${line}\n`));
  console.log(`\n${flowsTable(result).join('\n')}\n`);
}

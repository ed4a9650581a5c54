import { randomUUID } from 'node:crypto';
import { githubExample } from '../../server/testing/webhooks';
import { githubHeaders } from '../support/webhook-signing';
import { closedLoopRate, keepAliveAgent, pool, send, type Reply } from './http-load';
import { openLoop, type OpenLoopResult } from './open-loop';

// Intake against ceilings measured on the same server process in the same run, all driven
// by the open-loop generator (requests due at a fixed rate, latency from the due time):
// - GET unknown path → 404: HTTP + Hono with no middleware of its own (reference);
// - GET /health: the same plus the CORS middleware, no body;
// - POST /hooks/bench/sink: the same 11 KB body, through the hooks sub-app's body limit,
//   read and answered with its byte count (checked), nothing else: intake's ceiling;
// - POST /hooks/github: verify HMAC + parse + dedupe + route + group commit + 202.
// Each is offered two rates: one the intake sustains (half of its capacity, the same for
// every target, so latencies compare) and one half again over the target's own capacity
// (so "achieved" is its throughput and p50/p99 show the queue that builds, as it would).

export interface IntakeOptions {
  /** Keep-alive connections, as a reverse proxy in front of Weft would hold. */
  sockets: number;
  warmup: number;
  /** Seconds of closed-loop load per estimate of each target's capacity. */
  probeSeconds: number;
  /** Seconds each open-loop run offers its rate for. */
  seconds: number;
  /** Each run is repeated this many times, interleaved across targets; figures are medians. */
  rounds: number;
  pauseMs: number;
  /** The steady rate, as a share of intake's estimated capacity. */
  steadyShare: number;
  /** The saturating rate, as a multiple of each target's own estimated capacity. */
  overload: number;
}

export const INTAKE_DEFAULTS: IntakeOptions = { sockets: 64, warmup: 300, probeSeconds: 1.5, seconds: 2, rounds: 3, pauseMs: 500, steadyShare: 0.5, overload: 1.5 };

export const TARGETS = ['notFound', 'health', 'sink', 'intake'] as const;
export type Target = (typeof TARGETS)[number];

export interface Figures {
  offeredRps: number;
  achievedRps: number;
  p50ms: number;
  p99ms: number;
  sendLagP99ms: number;
  /** Summed over the rounds. */
  errors: number;
  requests: number;
}

export interface IntakeResult {
  bodyBytes: number;
  options: IntakeOptions;
  /** Estimated capacity per target (req/s): the higher of two closed-loop runs, raised by any open-loop check it kept up with. Used only to pick the rates. */
  capacity: Record<Target, number>;
  steady: Record<Target, Figures>;
  saturated: Record<Target, Figures>;
}

/** A run that achieved this share of its offered rate kept up with it: it was not saturated. */
export const KEPT_UP = 0.95;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function summarize(runs: OpenLoopResult[]): Figures {
  return {
    offeredRps: runs[0]!.offeredRps,
    achievedRps: median(runs.map((r) => r.achievedRps)),
    p50ms: median(runs.map((r) => r.p50ms)),
    p99ms: median(runs.map((r) => r.p99ms)),
    sendLagP99ms: median(runs.map((r) => r.sendLagP99ms)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    requests: runs.reduce((n, r) => n + r.requests, 0),
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Rates are offered in round numbers, so runs on one machine compare. */
const roundRate = (rps: number) => Math.max(50, Math.round(rps / 50) * 50);

export async function benchIntake(url: string, o: IntakeOptions = INTAKE_DEFAULTS, log: (line: string) => void = () => {}): Promise<IntakeResult> {
  let agent = keepAliveAgent(o.sockets);
  const body = JSON.stringify(githubExample('issues', 'opened'));
  const bodyBytes = Buffer.byteLength(body);
  // The signature covers the body only, so one signature serves every delivery id.
  const signed = githubHeaders(body, 'issues');
  const sinkSays = JSON.stringify({ bytes: bodyBytes });
  const run = randomUUID().slice(0, 8);
  let seq = 0;
  const targets: Record<Target, { make: () => Promise<Reply>; ok: (r: Reply) => boolean }> = {
    notFound: { make: () => send(agent, `${url}/bench/none`, 'GET'), ok: (r) => r.status === 404 },
    health: { make: () => send(agent, `${url}/health`, 'GET'), ok: (r) => r.status === 200 },
    // The sink answers with the bytes it read: a reply for less than the whole body is an error.
    sink: { make: () => send(agent, `${url}/hooks/bench/sink`, 'POST', body, signed), ok: (r) => r.status === 202 && r.body === sinkSays },
    intake: {
      make: () => send(agent, `${url}/hooks/github`, 'POST', body, { ...signed, 'x-github-delivery': `bench-${run}-${seq++}` }),
      // 202 with one event: the delivery was routed to the seeded user and written.
      ok: (r) => r.status === 202 && r.body.includes('"events":1'),
    },
  };
  // Before each open-loop run: new connections (a request left unanswered by the last run
  // dies with the old ones), then a pause for the server to settle (GC, a drained queue), so
  // one run's aftermath is not billed to the next.
  const freshStart = async () => {
    agent.destroy();
    agent = keepAliveAgent(o.sockets);
    await pause(o.pauseMs);
  };
  try {
    const probe = await targets.sink.make();
    if (!targets.sink.ok(probe)) throw new Error(`POST /hooks/bench/sink answered ${probe.status} ${probe.body.slice(0, 200)}, not ${sinkSays}: start the server with WEFT_BENCH=1.`);

    for (const name of TARGETS) {
      let failed = 0;
      await pool(o.warmup, o.sockets, async () => {
        if (!targets[name].ok(await targets[name].make())) failed++;
      });
      if (failed > 0) throw new Error(`${name}: ${failed} of ${o.warmup} warm-up requests got the wrong answer.`);
    }
    // Two interleaved estimates each, keeping the higher: on a shared machine noise only ever
    // lowers a throughput, and a low estimate would make the "saturating" rate one it keeps up with.
    const capacity = Object.fromEntries(TARGETS.map((n) => [n, 0])) as Record<Target, number>;
    for (let probe = 0; probe < 2; probe++) {
      for (const name of TARGETS) {
        await pause(o.pauseMs);
        capacity[name] = Math.max(capacity[name], await closedLoopRate(o.probeSeconds, o.sockets, targets[name].make));
      }
    }
    const saturatingRate = (name: Target) => roundRate(capacity[name] * o.overload);
    // A closed loop can come out below what the target sustains; then the "saturating" rate
    // is one it keeps up with. Check with a short open-loop second and raise it while so.
    for (const name of TARGETS) {
      for (let check = 0; check < 3; check++) {
        await freshStart();
        const r = await openLoop({ rate: saturatingRate(name), seconds: 1, make: targets[name].make, ok: targets[name].ok });
        if (r.achievedRps < KEPT_UP * r.offeredRps) break;
        capacity[name] = r.achievedRps;
      }
    }
    const steadyRate = roundRate(capacity.intake * o.steadyShare);
    log(`  capacity estimates (req/s): ${TARGETS.map((n) => `${n} ${Math.round(capacity[n])}`).join(', ')}; steady rate ${steadyRate}`);

    const runs = { steady: new Map<Target, OpenLoopResult[]>(), saturated: new Map<Target, OpenLoopResult[]>() };
    for (let round = 0; round < o.rounds; round++) {
      for (const name of TARGETS) {
        for (const [kind, rate] of [['steady', steadyRate], ['saturated', saturatingRate(name)]] as const) {
          await freshStart();
          const result = await openLoop({ rate, seconds: o.seconds, make: targets[name].make, ok: targets[name].ok });
          runs[kind].set(name, [...(runs[kind].get(name) ?? []), result]);
        }
      }
      log(`  round ${round + 1} of ${o.rounds} done`);
    }
    const figures = (kind: keyof typeof runs) => Object.fromEntries(TARGETS.map((n) => [n, summarize(runs[kind].get(n)!)])) as Record<Target, Figures>;
    return { bodyBytes, options: o, capacity, steady: figures('steady'), saturated: figures('saturated') };
  } finally {
    agent.destroy();
  }
}

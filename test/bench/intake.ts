import { randomUUID } from 'node:crypto';
import { githubExample } from '../../server/testing/webhooks';
import { githubHeaders } from '../support/webhook-signing';
import { keepAliveAgent, load, send, type LoadResult, type Reply } from './http-load';

// Intake throughput against ceilings measured on the same server process in the same run:
// GET /health (HTTP + Hono + its CORS middleware, no body), POST /bench/sink (the same 11 KB
// body read and answered 202, nothing else) and, for reference, a GET that 404s (HTTP + Hono
// with no middleware: it shows what CORS costs /health). Intake = verify HMAC + parse +
// route + group commit + 202.

export interface IntakeOptions {
  concurrency: number;
  warmup: number;
  requests: number;
  /** Each target is measured this many times, interleaved; the median round is reported. */
  rounds: number;
  pauseMs: number;
}

export const INTAKE_DEFAULTS: IntakeOptions = { concurrency: 64, warmup: 300, requests: 3000, rounds: 3, pauseMs: 1000 };

export type IntakeResult = Record<'notFound' | 'health' | 'sink' | 'intake', LoadResult> & { bodyBytes: number };

export async function benchIntake(url: string, o: IntakeOptions = INTAKE_DEFAULTS): Promise<IntakeResult> {
  const agent = keepAliveAgent(o.concurrency);
  const body = JSON.stringify(githubExample('issues', 'opened'));
  // The signature covers the body only, so one signature serves every delivery id.
  const signed = githubHeaders(body, 'issues');
  const run = randomUUID().slice(0, 8);
  let seq = 0;
  const targets: Record<keyof Omit<IntakeResult, 'bodyBytes'>, { make: () => Promise<Reply>; ok: (r: Reply) => boolean }> = {
    notFound: { make: () => send(agent, `${url}/bench/none`, 'GET'), ok: (r) => r.status === 404 },
    health: { make: () => send(agent, `${url}/health`, 'GET'), ok: (r) => r.status === 200 },
    sink: { make: () => send(agent, `${url}/bench/sink`, 'POST', body, signed), ok: (r) => r.status === 202 },
    intake: {
      make: () => send(agent, `${url}/hooks/github`, 'POST', body, { ...signed, 'x-github-delivery': `bench-${run}-${seq++}` }),
      // 202 with one event: the delivery was routed to the seeded user and written.
      ok: (r) => r.status === 202 && r.body.includes('"events":1'),
    },
  };
  if ((await targets.sink.make()).status !== 202) throw new Error('POST /bench/sink is missing: start the server with WEFT_BENCH=1.');

  const names = Object.keys(targets) as (keyof typeof targets)[];
  for (const name of names) await load(o.warmup, o.concurrency, targets[name].make, targets[name].ok);
  const results = Object.fromEntries(names.map((n) => [n, [] as LoadResult[]])) as Record<(typeof names)[number], LoadResult[]>;
  for (let round = 0; round < o.rounds; round++) {
    for (const name of names) {
      // Let the server settle (GC, socket teardown) so one target's aftermath is not billed to the next.
      await new Promise((r) => setTimeout(r, o.pauseMs));
      results[name].push(await load(o.requests, o.concurrency, targets[name].make, targets[name].ok));
    }
  }
  agent.destroy();
  const median = (rs: LoadResult[]) => [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)]!;
  return { notFound: median(results.notFound), health: median(results.health), sink: median(results.sink), intake: median(results.intake), bodyBytes: Buffer.byteLength(body) };
}

import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { githubExample } from '../../server/testing/webhooks';
import { githubHeaders } from '../support/webhook-signing';
import { keepAliveAgent, percentile, send } from './http-load';
import { wallClockMs, type ClientsData, type FromClients, type ToClients } from './push-messages';

// Push latency: webhook POST sent → `{type:'event'}` received on /api/events/ws, for the
// first and for the last of N connected clients. The clients live in worker threads
// (push-clients.ts) that stamp each arrival on their own event loop, so the last client's
// time is the server's fan-out (plus what those threads need to read N messages), not this
// thread's queue. Webhooks go one at a time and the next waits until every client has the
// previous one, so each number is one fan-out, unqueued.

const WAIT_MS = 10_000;
const CLIENTS_SCRIPT = new URL('./push-clients.ts', import.meta.url);

export interface PushOptions {
  clients: number;
  webhooks: number;
  /** Worker threads the clients are spread over. */
  threads: number;
}

export interface PushResult {
  clients: number;
  threads: number;
  webhooks: number;
  firstP50ms: number;
  firstP99ms: number;
  lastP50ms: number;
  lastP99ms: number;
  /** How long connecting and saying hello took for all clients. */
  connectSeconds: number;
}

function latestEventId(dataDir: string): number {
  const db = new DatabaseSync(path.join(dataDir, 'weft.db'), { readOnly: true });
  try {
    return Number((db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number }).id);
  } finally {
    db.close();
  }
}

/** A client thread, resolved once all its clients are connected. */
interface ClientThread {
  worker: Worker;
  close(): Promise<void>;
}

function startClients(data: ClientsData, onSeq: (seq: number, first: number, last: number) => void): Promise<ClientThread> {
  // The thread runs TypeScript: tsx's loader, as this process has it (`npm run bench`) or explicitly (vitest).
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
  const worker = new Worker(CLIENTS_SCRIPT, { workerData: data, execArgv });
  let closed: () => void = () => {};
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`push client thread exited (${code}) before its clients were connected`)));
    worker.on('message', (m: FromClients) => {
      if (m.type === 'seq') onSeq(m.seq, m.first, m.last);
      else if (m.type === 'ready') {
        resolve({
          worker,
          close: () => new Promise<void>((done) => {
            closed = done;
            worker.postMessage({ type: 'close' } satisfies ToClients);
          }).then(() => worker.terminate()).then(() => undefined),
        });
      } else if (m.type === 'failed') reject(new Error(m.message));
      else if (m.type === 'closed') closed();
    });
  });
}

export async function benchPush(url: string, dataDir: string, token: string, o: PushOptions): Promise<PushResult> {
  const threads = Math.max(1, Math.min(o.threads, o.clients));
  const sentAt: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  const reports: number[] = [];
  let wake: (() => void) | null = null;
  const onSeq = (seq: number, firstAt: number, lastAt: number) => {
    first[seq] = Math.min(first[seq] ?? Infinity, firstAt - sentAt[seq]!);
    last[seq] = Math.max(last[seq] ?? -Infinity, lastAt - sentAt[seq]!);
    reports[seq] = (reports[seq] ?? 0) + 1;
    if (reports[seq] === threads) wake?.();
  };

  const t0 = performance.now();
  const cursor = latestEventId(dataDir);
  const wsUrl = `${url.replace(/^http/, 'ws')}/api/events/ws`;
  const shares = Array.from({ length: threads }, (_, i) => Math.floor(o.clients / threads) + (i < o.clients % threads ? 1 : 0));
  const started = await Promise.allSettled(shares.map((clients) => startClients({ wsUrl, token, cursor, clients }, onSeq)));
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const agent = keepAliveAgent(1);
  try {
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    const connectSeconds = (performance.now() - t0) / 1000;

    const example = githubExample('issues', 'opened');
    for (let seq = 0; seq < o.webhooks; seq++) {
      const body = JSON.stringify({ weft_bench_seq: seq, ...example });
      const everyone = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`webhook ${seq}: ${reports[seq] ?? 0}/${threads} client threads had it after ${WAIT_MS} ms`)), WAIT_MS);
        wake = () => (clearTimeout(timer), resolve());
      });
      everyone.catch(() => {}); // awaited below; this only keeps an early throw from leaving it unhandled
      sentAt[seq] = wallClockMs();
      const reply = await send(agent, `${url}/hooks/github`, 'POST', body, githubHeaders(body, 'issues'));
      if (reply.status !== 202) throw new Error(`webhook ${seq}: ${reply.status} ${reply.body}`);
      await everyone;
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const f = sorted(first);
    const l = sorted(last);
    return {
      clients: o.clients, threads, webhooks: o.webhooks, connectSeconds,
      firstP50ms: percentile(f, 50), firstP99ms: percentile(f, 99), lastP50ms: percentile(l, 50), lastP99ms: percentile(l, 99),
    };
  } finally {
    agent.destroy();
    await Promise.all(running.map((t) => t.close()));
  }
}

import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import WebSocket from 'ws';
import { githubExample } from '../../server/testing/webhooks';
import { githubHeaders } from '../support/webhook-signing';
import { keepAliveAgent, percentile, send } from './http-load';

// Push latency: webhook POST sent → `{type:'event'}` received on /api/events/ws, for the
// first and for the last of N connected clients. Webhooks go one at a time and the next
// waits until every client has the previous one, so each number is one fan-out, unqueued.

/** First in the payload, so it sits in the first few hundred bytes of each message. */
const MARKER = Buffer.from('"weft_bench_seq":');
const OPEN_BATCH = 100;
const WAIT_MS = 10_000;

export interface PushResult {
  clients: number;
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

/** Opens a socket, says hello from `cursor` (so no catch-up is replayed), resolves on `ready`. */
function connect(wsUrl: string, token: string, cursor: number, onEvent: (seq: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token, cursor })));
    ws.on('message', (data: Buffer) => {
      const at = data.indexOf(MARKER);
      if (at >= 0) return onEvent(Number.parseInt(data.toString('latin1', at + MARKER.length, at + MARKER.length + 12), 10));
      const message = JSON.parse(data.toString()) as { type: string; message?: string };
      if (message.type === 'ready') resolve(ws);
      else if (message.type === 'error') reject(new Error(message.message));
    });
  });
}

export async function benchPush(url: string, dataDir: string, token: string, clients: number, webhooks: number): Promise<PushResult> {
  const sentAt: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  const received: number[] = [];
  let wake: (() => void) | null = null;
  const onEvent = (seq: number) => {
    const now = performance.now();
    received[seq] = (received[seq] ?? 0) + 1;
    if (received[seq] === 1) first[seq] = now - sentAt[seq]!;
    if (received[seq] === clients) {
      last[seq] = now - sentAt[seq]!;
      wake?.();
    }
  };

  const t0 = performance.now();
  const cursor = latestEventId(dataDir);
  const sockets: WebSocket[] = [];
  const wsUrl = `${url.replace(/^http/, 'ws')}/api/events/ws`;
  for (let i = 0; i < clients; i += OPEN_BATCH) {
    const n = Math.min(OPEN_BATCH, clients - i);
    sockets.push(...(await Promise.all(Array.from({ length: n }, () => connect(wsUrl, token, cursor, onEvent)))));
  }
  const connectSeconds = (performance.now() - t0) / 1000;

  const agent = keepAliveAgent(1);
  const example = githubExample('issues', 'opened');
  try {
    for (let seq = 0; seq < webhooks; seq++) {
      const body = JSON.stringify({ weft_bench_seq: seq, ...example });
      const everyone = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`webhook ${seq}: ${received[seq] ?? 0}/${clients} clients after ${WAIT_MS} ms`)), WAIT_MS);
        wake = () => (clearTimeout(timer), resolve());
      });
      everyone.catch(() => {}); // awaited below; this only keeps an early throw from leaving it unhandled
      sentAt[seq] = performance.now();
      const reply = await send(agent, `${url}/hooks/github`, 'POST', body, githubHeaders(body, 'issues'));
      if (reply.status !== 202) throw new Error(`webhook ${seq}: ${reply.status} ${reply.body}`);
      await everyone;
    }
  } finally {
    agent.destroy();
    await Promise.all(sockets.map((ws) => new Promise((resolve) => (ws.once('close', resolve), ws.close()))));
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const f = sorted(first);
  const l = sorted(last);
  return {
    clients, webhooks, connectSeconds,
    firstP50ms: percentile(f, 50), firstP99ms: percentile(f, 99), lastP50ms: percentile(l, 50), lastP99ms: percentile(l, 99),
  };
}

import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { MARKER, wallClockMs, type ClientsData, type FromClients, type ToClients } from './push-messages';

// A worker thread holding a share of the push bench's WebSocket clients (started by
// push.ts, never imported). Arrival times are taken here, on this thread's own event loop,
// on the clock all threads share, so the bench's main thread (which sends the webhooks and
// collects the numbers) cannot delay them.

const marker = Buffer.from(MARKER);
const OPEN_BATCH = 100;

/** Opens a socket, says hello from `cursor`, resolves on `ready`. */
function connect(data: ClientsData, onEvent: (seq: number, at: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(data.wsUrl, { perMessageDeflate: false });
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token: data.token, cursor: data.cursor })));
    ws.on('message', (raw: Buffer) => {
      const at = wallClockMs();
      const i = raw.indexOf(marker);
      if (i >= 0) return onEvent(Number.parseInt(raw.toString('latin1', i + marker.length, i + marker.length + 12), 10), at);
      const message = JSON.parse(raw.toString()) as { type: string; message?: string };
      if (message.type === 'ready') resolve(ws);
      else if (message.type === 'error') reject(new Error(message.message));
    });
  });
}

async function main(data: ClientsData) {
  const port = parentPort!;
  const seen = new Map<number, { count: number; first: number }>();
  const onEvent = (seq: number, at: number) => {
    const s = seen.get(seq) ?? { count: 0, first: at };
    s.count++;
    seen.set(seq, s);
    if (s.count === data.clients) {
      seen.delete(seq);
      port.postMessage({ type: 'seq', seq, first: s.first, last: at } satisfies FromClients);
    }
  };
  const sockets: WebSocket[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < data.clients; i += OPEN_BATCH) {
      const n = Math.min(OPEN_BATCH, data.clients - i);
      sockets.push(...(await Promise.all(Array.from({ length: n }, () => connect(data, onEvent)))));
    }
  } catch (error) {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromClients);
    sockets.forEach((ws) => ws.terminate());
    return;
  }
  port.postMessage({ type: 'ready', connectMs: performance.now() - t0 } satisfies FromClients);
  port.once('message', async (_: ToClients) => {
    await Promise.all(sockets.map((ws) => new Promise((resolve) => (ws.once('close', resolve), ws.close()))));
    port.postMessage({ type: 'closed' } satisfies FromClients);
    port.close();
  });
}

void main(workerData as ClientsData);

import http from 'node:http';

// HTTP for the bench and the durability test, on node:http: keep-alive sockets, one
// request, a fixed-concurrency pool. No library, so what it costs is visible and the same in
// every run. The bench's load generator (open-loop.ts) is built on it.

export interface Reply {
  status: number;
  body: string;
}

export function keepAliveAgent(sockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** One request; rejects on a socket error (a killed server), resolves with any status. */
export function send(agent: http.Agent, url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Runs `task(0..count-1)` with `concurrency` workers; `stop()` (checked before each task)
 * ends it early. Returns how many tasks were started.
 */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>, stop: () => boolean = () => false): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < count && !stop()) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return next;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Roughly how many requests a second the server completes when `concurrency` callers each
 * send again as soon as they have a reply: a closed loop, used only to choose the rates the
 * open loop offers (its latencies would understate queueing, so none are reported).
 */
export async function closedLoopRate(seconds: number, concurrency: number, make: () => Promise<Reply>): Promise<number> {
  let done = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await pool(Number.MAX_SAFE_INTEGER, concurrency, async () => {
    await make().catch(() => null);
    done++;
  }, () => performance.now() >= until);
  return done / ((performance.now() - started) / 1000);
}

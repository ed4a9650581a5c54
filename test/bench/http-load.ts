import http from 'node:http';

// A tiny load generator on node:http: keep-alive sockets, a fixed number of requests, a
// fixed concurrency. No library, so what it costs is visible and the same in every run.

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

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  /** Requests that did not get the expected status. */
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `count` requests made by `make(i)`, `concurrency` at a time, each timed from send to last byte. */
export async function load(count: number, concurrency: number, make: (i: number) => Promise<Reply>, ok: (r: Reply) => boolean): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await pool(count, concurrency, async (i) => {
    const t0 = performance.now();
    const reply = await make(i).catch(() => null);
    latencies.push(performance.now() - t0);
    if (!reply || !ok(reply)) errors++;
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: count, seconds, rps: count / seconds, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99), errors };
}

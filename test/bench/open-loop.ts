import { percentile, type Reply } from './http-load';

// An open-loop load generator: request i is due at start + i / rate whatever happened to
// the ones before it, and its latency runs from that due time, not from when it went out.
// A closed loop (N workers, each sending when its last reply came back) slows down with the
// server, so a stall delays one request per worker and the rest are never sent: its p99
// leaves out exactly the waits a real arrival stream would have had ("coordinated
// omission"). Here a stall shows up in every request that was due during it.

export interface OpenLoopOptions {
  /** Offered requests per second. */
  rate: number;
  seconds: number;
  /** How long to wait for replies after the last request was due; what is still out then is an error. */
  drainMs?: number;
  make: (i: number) => Promise<Reply>;
  ok: (reply: Reply) => boolean;
}

export interface OpenLoopResult {
  offeredRps: number;
  /** Good replies per second, from the first due time to the last reply. */
  achievedRps: number;
  requests: number;
  /** Wrong status or body, socket errors, and requests with no reply by the end of the drain. */
  errors: number;
  /** From each request's due time to its last byte; a request never answered counts as waiting until the drain ended. */
  p50ms: number;
  p90ms: number;
  p99ms: number;
  /** How late the generator itself sent (p99): when this is large, this machine, not the server, set the pace. */
  sendLagP99ms: number;
}

export async function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const count = Math.max(1, Math.round(o.rate * o.seconds));
  const interval = 1000 / o.rate;
  const drainMs = o.drainMs ?? 5000;
  const latencies: number[] = [];
  const lags: number[] = [];
  const pending = new Set<number>();
  let good = 0;
  let errors = 0;
  let lastReply = 0;
  const start = performance.now() + 2;
  const due = (i: number) => start + i * interval;

  await new Promise<void>((resolve) => {
    let next = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(drainTimer);
      resolve();
    };
    // The drain deadline: counted from the last due time, so a slow start cannot eat into it.
    const drainTimer = setTimeout(finish, due(count - 1) - performance.now() + drainMs);
    const tick = () => {
      const now = performance.now();
      // Everything due by now goes out now (timers have millisecond granularity; at several
      // thousand requests a second a tick sends a few), each timed from its own due time.
      while (next < count && due(next) <= now) {
        const i = next++;
        lags.push(now - due(i));
        pending.add(i);
        o.make(i).then((reply) => o.ok(reply), () => false).then((fine) => {
          if (finished) return;
          const end = performance.now();
          pending.delete(i);
          latencies.push(end - due(i));
          if (fine) good++;
          else errors++;
          lastReply = end;
          if (next === count && pending.size === 0) finish();
        });
      }
      if (next < count) setTimeout(tick, Math.max(0, due(next) - performance.now()));
    };
    tick();
  });

  // Still out when the drain ended: errors, and at least this late.
  const end = performance.now();
  for (const i of pending) {
    latencies.push(end - due(i));
    errors++;
  }
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  return {
    offeredRps: o.rate,
    achievedRps: lastReply > start ? good / ((lastReply - start) / 1000) : 0,
    requests: count,
    errors,
    p50ms: percentile(latencies, 50),
    p90ms: percentile(latencies, 90),
    p99ms: percentile(latencies, 99),
    sendLagP99ms: percentile(lags, 99),
  };
}

// What the push bench's main thread and its client threads (push-clients.ts) say to each
// other, and the clock they share.

/** Handed to each client thread as its workerData. */
export interface ClientsData {
  wsUrl: string;
  token: string;
  /** The hello's cursor: the latest event id, so nothing is replayed. */
  cursor: number;
  clients: number;
}

export type FromClients =
  | { type: 'ready'; connectMs: number }
  | { type: 'failed'; message: string }
  /** Every client on the thread has event `seq`: its first and its last arrival (wall clock). */
  | { type: 'seq'; seq: number; first: number; last: number }
  | { type: 'closed' };

export type ToClients = { type: 'close' };

/** push.ts puts `weft_bench_seq` first in each webhook's payload, so it sits in the first few hundred bytes of each message. */
export const MARKER = '"weft_bench_seq":';

/**
 * Milliseconds since the epoch with sub-millisecond resolution. Each thread has its own
 * `performance.timeOrigin`, so `performance.now()` alone is not comparable across threads;
 * their sum is.
 */
export const wallClockMs = () => performance.timeOrigin + performance.now();

/** The first retry waits about a second. */
export const backoffBaseMs = 1_000;
/** No wait is longer than this: a server back up is found within half a minute. */
export const backoffCapMs = 30_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first retry): doubling
 * from `backoffBaseMs` up to `backoffCapMs`, the upper half of it random ("equal jitter")
 * so that every browser of a restarted server does not knock at the same instant, while
 * none retries in a tight loop.
 *
 * @example backoffDelay(0) // 500…1000
 * @example backoffDelay(10) // 15000…30000
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  { baseMs = backoffBaseMs, capMs = backoffCapMs }: { baseMs?: number; capMs?: number } = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

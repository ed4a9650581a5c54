import type { SlidingWindows } from '../store/sliding-windows';

/** A limit a provider documents: at most `max` requests per `windowMs`. */
export interface Limit {
  /** Appended to the connection id: '' for the connection-wide limit, ':search', ':chat:C123'… */
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Windows are stretched a little: a request counted here at t reaches the provider a
 * moment later, so two windows that line up exactly on paper can overlap at the provider.
 */
const SAFETY = 1.05;

/**
 * Sliding-window limiter that makes callers wait their turn instead of failing: a burst
 * of 500 HubSpot actions against a 100-per-10-s limit is spread out so the provider never
 * has to answer 429. The turns are counted in the database (store.windows), so every
 * instance sharing it draws on the same budget: N instances together stay under the
 * provider's limit, not N times it.
 *
 * Within one instance, callers under the same limits queue in arrival order and only the
 * first of them asks the database; the others follow as turns come free, instead of all
 * polling the database at every wake-up.
 */
export class RateLimiter {
  /** Per set of windows: the promise the next caller waits for (the end of the last one's turn). */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly windows: SlidingWindows,
    private readonly now = () => Date.now(),
    private readonly sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  ) {}

  /**
   * Resolves when one more request under every limit given is allowed, and counts it;
   * resolves to the time it was counted at.
   */
  async acquire(scope: string, limits: Limit[]): Promise<number> {
    if (limits.length === 0) return this.now();
    const { windows, queueKey } = this.windowsOf(scope, limits);
    const ahead = this.queues.get(queueKey);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    this.queues.set(queueKey, mine);
    try {
      await ahead;
      for (;;) {
        const t = this.now();
        const wait = await this.windows.take(`actions:${scope}`, windows, t);
        if (wait === 0) return t;
        await this.sleep(wait + 1);
      }
    } finally {
      done();
      if (this.queues.get(queueKey) === mine) this.queues.delete(queueKey);
    }
  }

  /**
   * One request now, counted, if every limit has room and no caller is waiting for a turn
   * under them; otherwise false, with nothing counted. For calls that would rather go
   * without than wait (a lookup that only describes what was already done).
   */
  async tryAcquire(scope: string, limits: Limit[]): Promise<boolean> {
    if (limits.length === 0) return true;
    const { windows, queueKey } = this.windowsOf(scope, limits);
    if (this.queues.has(queueKey)) return false;
    return (await this.windows.take(`actions:${scope}`, windows, this.now())) === 0;
  }

  private windowsOf(scope: string, limits: Limit[]) {
    const windows = limits.map((l) => ({ key: `actions:${scope}${l.key}`, max: l.max, windowMs: Math.ceil(l.windowMs * SAFETY) }));
    return { windows, queueKey: windows.map((w) => w.key).sort().join('\n') };
  }
}

/** `WEFT_HUBSPOT_RATE_LIMIT=190/10s` → 190 per 10,000 ms. */
export function parseLimit(value: string | undefined): { max: number; windowMs: number } | undefined {
  const m = value?.trim().match(/^(\d+)\/(\d+)(ms|s|m|h)$/);
  // A limit of 0 would hold every action forever: not a limit anyone means.
  if (!m || Number(m[1]) < 1) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 'ms' | 's' | 'm' | 'h'];
  return { max: Number(m[1]), windowMs: Number(m[2]) * unit };
}

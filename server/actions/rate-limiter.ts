/** A limit a provider documents: at most `max` requests per `windowMs`. */
export interface Limit {
  /** Appended to the connection id: '' for the connection-wide limit, ':search', ':chat:C123'… */
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Sliding-window limiter that makes callers wait their turn instead of failing: a burst
 * of 500 HubSpot actions against a 100-per-10-s limit is spread out so the provider never
 * has to answer 429. In memory, per server process; several instances would share it
 * through the store (later).
 */
/**
 * Windows are stretched a little: a request counted here at t reaches the provider a
 * moment later, so two windows that line up exactly on paper can overlap at the provider.
 */
const SAFETY = 1.05;

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now = () => Date.now(), private readonly sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))) {}

  /** Resolves when one more request under every limit given is allowed, and counts it. */
  async acquire(scope: string, limits: Limit[]): Promise<void> {
    for (;;) {
      const t = this.now();
      let wait = 0;
      for (const limit of limits) {
        const windowMs = limit.windowMs * SAFETY;
        const stamps = this.recent(`${scope}${limit.key}`, windowMs, t);
        if (stamps.length >= limit.max) wait = Math.max(wait, stamps[stamps.length - limit.max]! + windowMs - t);
      }
      if (wait <= 0) {
        for (const limit of limits) this.windows.get(`${scope}${limit.key}`)!.push(t);
        return;
      }
      await this.sleep(wait + 1);
    }
  }

  private recent(key: string, windowMs: number, t: number): number[] {
    const stamps = (this.windows.get(key) ?? []).filter((s) => t - s < windowMs);
    this.windows.set(key, stamps);
    return stamps;
  }
}

/** `WEFT_HUBSPOT_RATE_LIMIT=190/10s` → 190 per 10,000 ms. */
export function parseLimit(value: string | undefined): { max: number; windowMs: number } | undefined {
  const m = value?.trim().match(/^(\d+)\/(\d+)(ms|s|m|h)$/);
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 'ms' | 's' | 'm' | 'h'];
  return { max: Number(m[1]), windowMs: Number(m[2]) * unit };
}

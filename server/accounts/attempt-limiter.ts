/**
 * Counts attempts per key in a sliding window (in memory: sign-in throttling is per
 * server instance; a shared store comes with multi-instance deployments).
 */
export interface AttemptLimiter {
  /** Records an attempt; returns seconds to wait when over the limit, else 0. */
  hit(key: string): number;
  reset(key: string): void;
}

export function createAttemptLimiter(limit: number, windowMs: number, now = () => Date.now()): AttemptLimiter {
  const attempts = new Map<string, number[]>();
  return {
    hit(key) {
      const t = now();
      const recent = (attempts.get(key) ?? []).filter((at) => t - at < windowMs);
      if (recent.length >= limit) {
        attempts.set(key, recent);
        return Math.max(1, Math.ceil((recent[0]! + windowMs - t) / 1000));
      }
      recent.push(t);
      attempts.set(key, recent);
      // Keep the map from growing without bound under a spray of distinct keys.
      if (attempts.size > 10_000) for (const k of attempts.keys()) { attempts.delete(k); if (attempts.size <= 5_000) break; }
      return 0;
    },
    reset(key) {
      attempts.delete(key);
    },
  };
}

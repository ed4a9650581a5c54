/**
 * Counts attempts per key in a sliding window, in this process's memory. Only the
 * throttle of refused webhook requests per source address uses it now (hooks/rejections.ts),
 * so each instance allows a source that many. The sign-in throttles count in the database
 * instead (sign-in-throttle.ts over store.windows), shared by every instance.
 */
export interface AttemptLimiter {
  /**
   * Records an attempt unless `key` already has `limit` in the window (the limiter's own
   * limit unless given); returns seconds to wait when over it, else 0.
   */
  hit(key: string, limit?: number): number;
  /** Attempts recorded for `key` in the window, without recording one. */
  count(key: string): number;
  reset(key: string): void;
}

export function createAttemptLimiter(defaultLimit: number, windowMs: number, now = () => Date.now()): AttemptLimiter {
  const attempts = new Map<string, number[]>();
  const recentOf = (key: string, t: number) => (attempts.get(key) ?? []).filter((at) => t - at < windowMs);
  return {
    hit(key, limit = defaultLimit) {
      const t = now();
      const recent = recentOf(key, t);
      if (recent.length >= limit) {
        attempts.set(key, recent);
        // Under the limit again once all but `limit - 1` of the recent attempts have aged out.
        const freedAt = recent[recent.length - limit]! + windowMs;
        return Math.max(1, Math.ceil((freedAt - t) / 1000));
      }
      recent.push(t);
      attempts.set(key, recent);
      // Keep the map from growing without bound under a spray of distinct keys.
      if (attempts.size > 10_000) for (const k of attempts.keys()) { attempts.delete(k); if (attempts.size <= 5_000) break; }
      return 0;
    },
    count(key) {
      return recentOf(key, now()).length;
    },
    reset(key) {
      attempts.delete(key);
    },
  };
}

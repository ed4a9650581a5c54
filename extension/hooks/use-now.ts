import { useEffect, useState } from 'preact/hooks';

/** `Date.now()`, re-read every `intervalMs` while `active`: for countdowns and "5 minutes ago". */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

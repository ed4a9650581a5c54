/**
 * How long something took, from two ISO times: "340 ms", "12.5 s", "3 min 4 s"; null
 * while it has not finished.
 *
 * @example duration('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.250Z') // '1.3 s'
 */
export function duration(startedAt: string | null, finishedAt: string | null): string | null {
  if (!startedAt || !finishedAt) return null;
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return null;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

import type { AppDeps } from '../app-context';
import { pruneEventsAndDeliveries } from './retention';

/** Pruning walks every workspace's newest N events: hourly is plenty for a disk bound. */
export const RETENTION_EVERY_MS = 3_600_000;

/**
 * Retention as the minute sweep runs it: at most once an hour (the first tick after start
 * included), never two at once; prunes (retention.ts), then gives the freed pages back to
 * the disk. Written as one call so a job can run it instead of the timer.
 */
export function createRetentionSweep(deps: Pick<AppDeps, 'store' | 'config' | 'log'>, now: () => number = Date.now) {
  let lastRun = -Infinity;
  let running: Promise<void> | null = null;
  const stopping = new AbortController();
  /** Runs retention if an hour has passed since the last run; resolves when it is done. */
  function tick(): Promise<void> {
    if (stopping.signal.aborted) return Promise.resolve();
    if (running || now() - lastRun < RETENTION_EVERY_MS) return running ?? Promise.resolve();
    lastRun = now();
    running = (async () => {
      let report;
      try {
        report = await pruneEventsAndDeliveries(deps.store, now(), deps.config.retention, stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) return; // the server is closing: not a failure
        throw error;
      }
      const pruned = report.events + report.deliveries + report.receipts + report.rejectedCounts;
      if (pruned === 0) return;
      const reclaimed = await deps.store.reclaimSpace();
      const longest = Math.round(Math.max(report.longestBatchMs, reclaimed.longestStepMs));
      deps.log.info(
        `Retention: pruned ${report.events} events and ${report.deliveries} deliveries older than ${deps.config.retention.days} days or past ${deps.config.retention.eventsPerWorkspace} per workspace; ${reclaimed.pages} pages given back to the disk (longest step ${longest} ms).`,
        { ...report, pages: reclaimed.pages, longestReclaimStepMs: reclaimed.longestStepMs },
      );
    })().finally(() => {
      running = null;
    });
    return running;
  }
  /** Stops a run under way after its current step; resolves once it has. */
  async function stop(): Promise<void> {
    stopping.abort();
    await running?.catch(() => undefined);
  }
  return { tick, stop };
}

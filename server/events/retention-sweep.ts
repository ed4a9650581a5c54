import type { AppDeps } from '../app-context';
import { pruneEventsAndDeliveries } from './retention';

/**
 * One retention run, as the hourly job runs it (server/jobs/server-jobs.ts): prunes
 * (retention.ts), then gives the freed pages back to the disk. The job engine makes sure
 * two runs never overlap (a schedule's jobs share a lane) and fires it once an hour across
 * instances. `signal` is the job's: when the server stops, the run ends after its current
 * step, and that is not a failure; the next run carries on.
 */
export async function runRetention(deps: Pick<AppDeps, 'store' | 'config' | 'log'>, signal?: AbortSignal, now: () => number = Date.now): Promise<void> {
  let report;
  try {
    report = await pruneEventsAndDeliveries(deps.store, now(), deps.config.retention, signal);
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
  const pruned = report.events + report.deliveries + report.receipts + report.rejectedCounts;
  if (pruned === 0 || signal?.aborted) return;
  const reclaimed = await deps.store.reclaimSpace();
  const longest = Math.round(Math.max(report.longestBatchMs, reclaimed.longestStepMs));
  deps.log.info(
    `Retention: pruned ${report.events} events and ${report.deliveries} deliveries older than ${deps.config.retention.days} days or past ${deps.config.retention.eventsPerWorkspace} per workspace; ${reclaimed.pages} pages given back to the disk (longest step ${longest} ms).`,
    { ...report, pages: reclaimed.pages, longestReclaimStepMs: reclaimed.longestStepMs },
  );
}

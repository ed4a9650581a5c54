import { openFlowsPage, runHash } from '../open-flows';

/**
 * Opens one run on the Flows page (`flows.html#/runs/<id>`, in the Flows tab already open
 * if there is one). The popup calls it, the background does for the overlays (a web page
 * cannot open the extension's pages) and when a run's notification is clicked.
 */
export function openFlowRun(runId: string): Promise<void> {
  return openFlowsPage(runHash(runId));
}

/** Notification ids of started runs: a click opens the run (`notifications/notify.ts`). */
export const runNotificationPrefix = 'flow-run:';

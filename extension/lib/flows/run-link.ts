import { browser } from '#imports';

/**
 * Where the Flows page shows one run: `flows.html#/runs/<id>` (the page is the Flows tab;
 * the hash picks the run, as `extension/flows/route.ts` reads it). Extension pages link
 * to it; the overlays ask the background to open it (a web page cannot link to the
 * extension's pages), and a notification's click opens it.
 *
 * @example flowRunPath('run_01') // '/flows.html#/runs/run_01'
 */
export function flowRunPath(runId: string): `/flows.html#/runs/${string}` {
  return `/flows.html#/runs/${encodeURIComponent(runId)}`;
}

/** The run's page as a URL of this extension. */
export function flowRunUrl(runId: string): string {
  return browser.runtime.getURL(flowRunPath(runId));
}

/** Notification ids of started runs: a click opens the run in the Flows page (`notifications/notify.ts`). */
export const runNotificationPrefix = 'flow-run:';

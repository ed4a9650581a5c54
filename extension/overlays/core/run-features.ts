import type { Feature } from './feature';
import { watchNavigation } from './url-watcher';

export type RunOptions = {
  /** The site's own "page rendered" events on `document` (Turbo, React soft navigation…). */
  events: string[];
  /** The content script's lifetime (`instanceLifetime`): everything stops when it aborts. */
  signal: AbortSignal;
};

/**
 * Runs the features whose predicates match the current URL, and again after every
 * in-app navigation: the previous run is aborted first (its panel removed), so a page
 * never holds two. A failing feature is logged and leaves the page as it was.
 *
 * @example runFeatures([issuePanel, repoIssues], { events: ['turbo:render', 'soft-nav:end'], signal: instanceLifetime('github') })
 */
export function runFeatures(features: Feature[], { events, signal }: RunOptions): void {
  let current: AbortController | null = null;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    current?.abort();
    if (signal.aborted) return;
    const controller = new AbortController();
    current = controller;
    const url = new URL(location.href);
    for (const feature of features) {
      if (!feature.include.some((matches) => matches(url))) continue;
      // Not awaited: one feature's failure must not hold up or break the others.
      void Promise.resolve()
        .then(() => feature.init({ signal: controller.signal, rerun: schedule }))
        .catch((err: unknown) => console.warn(`[weft] ${feature.id}`, err));
    }
  };
  // Several signals for one navigation (URL change, then the render event) run it once.
  const schedule = () => {
    clearTimeout(pending);
    pending = setTimeout(run, 30);
  };

  signal.addEventListener('abort', () => {
    clearTimeout(pending);
    current?.abort();
  });
  watchNavigation(schedule, { events, signal });
  run();
}

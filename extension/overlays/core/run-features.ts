import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Feature } from './feature';
import { contextLost, markContextLost } from './invalidated';

export type RunOptions = {
  /** The site's own "page rendered" events on `document` (Turbo, React soft navigation…). */
  events: string[];
  /** WXT's context, guarded by `guardContext` (lifetime.ts) so that only Weft can end it. */
  ctx: ContentScriptContext;
};

/**
 * Runs the features whose predicates match the current URL, and again after every
 * in-app navigation: the previous run is aborted first (its panel removed), so a page
 * never holds two. A failing feature is logged and leaves the page as it was.
 *
 * In-app navigation is the site's render events (even for the same URL: the content was
 * re-rendered) and WXT's `wxt:locationchange` (the Navigation API's `navigate` where the
 * browser has it, so `history.pushState` with no event is seen too; a 1 s URL poll
 * elsewhere). Listeners and timers go through the context, so they end with it.
 *
 * When the context ends: a newer copy of the script took over, and this one's panels
 * go (the newer copy brings its own); or the extension was updated or reloaded under the
 * page, and the panels stay, saying "Weft was updated — reload the page" instead of
 * failing at the next click (`invalidated.ts`).
 *
 * @example runFeatures([issuePanel, repoIssues], { events: ['turbo:render', 'soft-nav:end'], ctx: guardContext(ctx, 'github') })
 */
export function runFeatures(features: Feature[], { events, ctx }: RunOptions): void {
  let current: AbortController | null = null;
  let pending: number | undefined;

  const run = () => {
    current?.abort();
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
    pending = ctx.setTimeout(run, 30);
  };

  ctx.onInvalidated(() => {
    if (contextLost()) markContextLost();
    else current?.abort();
  });
  for (const type of events) ctx.addEventListener(document, type, schedule);
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  if (ctx.isValid) run();
}

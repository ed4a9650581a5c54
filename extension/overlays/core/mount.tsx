import { createShadowRootUi } from '#imports';
import { render, type VNode } from 'preact';
import type { FeatureRun } from './feature';
import { followTheme, type Theme } from './theme';
import { Launcher } from './ui/Launcher';
import { panelCss } from './ui/panel-css';

/** The panel's host elements: at most one of them is ever in a page. */
const panelHosts = 'weft-panel, weft-launcher';

export type MountOptions = {
  /** Where the panel goes (it becomes the anchor's first child); null → the floating launcher. */
  anchor: Element | null;
  theme: (prefersDark: boolean) => Theme;
  /** The panel, rendered in the shadow root. */
  content: () => VNode;
};

/**
 * Puts a Weft panel in the page, in its own shadow root: beside the discussion when the
 * anchor exists, else behind a floating launcher button. Removed when the run aborts;
 * if the page re-renders the anchor away, the feature runs again.
 */
export async function mountPanel(run: FeatureRun, options: MountOptions): Promise<void> {
  const floating = options.anchor === null;
  const ui = await createShadowRootUi(run.ctx, {
    name: floating ? 'weft-launcher' : 'weft-panel',
    position: 'inline',
    anchor: options.anchor ?? document.body,
    append: floating ? 'last' : 'first',
    css: panelCss,
    // Typing in the panel must not trigger the site's keyboard shortcuts.
    isolateEvents: true,
    onMount: (container, _shadow, host) => {
      followTheme(host, options.theme, run.signal);
      render(floating ? <Launcher>{options.content()}</Launcher> : <div class="weft">{options.content()}</div>, container);
      return container;
    },
    onRemove: (container) => container && render(null, container),
  });
  if (run.signal.aborted) return;
  // A page restored from a cache (Turbo snapshots) may hold a copy of an earlier host.
  for (const stray of document.querySelectorAll(panelHosts)) stray.remove();
  ui.mount();
  const watch = setInterval(() => {
    if (!ui.shadowHost.isConnected) {
      clearInterval(watch);
      run.rerun();
    }
  }, 250);
  run.signal.addEventListener('abort', () => {
    clearInterval(watch);
    ui.remove();
  });
}

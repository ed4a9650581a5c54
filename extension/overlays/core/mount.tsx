import { render, type VNode } from 'preact';
import type { FeatureRun } from './feature';
import { contextLost } from './invalidated';
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
 * Puts a Weft panel in the page, in a closed shadow root: beside the discussion when the
 * anchor exists, else behind a floating launcher button. Removed when the run aborts;
 * if the page re-renders the anchor away, the feature runs again.
 *
 * Closed, because the panel shows CRM data (contacts, emails, deals) and sends messages:
 * with an open root any script on github.com could read it (`host.shadowRoot`) and fill
 * and submit its forms. The page sees only the host element and its theme attribute.
 * The root is made here rather than by WXT's `createShadowRootUi`, whose removal is tied
 * to WXT's context: made so when that context was the page's to end (now guarded, see
 * `lifetime.ts`).
 */
export function mountPanel(run: FeatureRun, options: MountOptions): void {
  if (run.signal.aborted) return;
  const floating = options.anchor === null;
  const host = document.createElement(floating ? 'weft-launcher' : 'weft-panel');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  // The page's styles must not reach in: inherited ones are reset on the host.
  style.textContent = `:host{all:initial !important;}\n${panelCss}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  // Typing in the panel must not trigger the site's keyboard shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) shadow.addEventListener(type, (e) => e.stopPropagation());
  followTheme(host, options.theme, run.signal);

  // A page restored from a cache (Turbo snapshots) may hold a copy of an earlier host.
  for (const stray of document.querySelectorAll(panelHosts)) stray.remove();
  if (floating) document.body.append(host);
  else options.anchor!.prepend(host);
  render(floating ? <Launcher>{options.content()}</Launcher> : <div class="weft">{options.content()}</div>, container);

  // A plain timer, not `ctx.setInterval`: it belongs to this panel, and ends with its run.
  const watch = setInterval(() => {
    if (host.isConnected) return;
    clearInterval(watch);
    // An orphaned script (the extension was updated) leaves the page to the new one.
    if (!contextLost()) run.rerun();
  }, 250);
  run.signal.addEventListener('abort', () => {
    clearInterval(watch);
    render(null, container);
    host.remove();
  });
}

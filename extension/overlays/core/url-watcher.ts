export type UrlWatchOptions = {
  /** The site's own "the page changed" events, dispatched on `document` (Turbo, React soft navigation…). */
  events: string[];
  signal: AbortSignal;
  /** Fallback for navigations that fire no event at all. */
  pollMs?: number;
};

/** The Navigation API where the browser has it (Chromium; Firefox from 2025). */
type NavigationLike = EventTarget;

/**
 * Calls `onChange(reason)` when the page changed without a reload: a site event (even
 * with the same URL, since the content was re-rendered), the Navigation API's
 * `navigatesuccess`, back/forward, or a new URL seen by polling. The poll is what
 * catches an app that moves with `history.pushState` and announces nothing. Stops when
 * `signal` aborts.
 */
export function watchNavigation(onChange: (reason: string) => void, { events, signal, pollMs = 300 }: UrlWatchOptions): void {
  let href = location.href;
  const changed = (reason: string) => {
    href = location.href;
    onChange(reason);
  };
  for (const type of events) document.addEventListener(type, () => changed(type), { signal });
  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  navigation?.addEventListener('navigatesuccess', () => changed('navigatesuccess'), { signal });
  window.addEventListener('popstate', () => location.href !== href && changed('popstate'), { signal });
  const timer = setInterval(() => location.href !== href && changed('url'), pollMs);
  signal.addEventListener('abort', () => clearInterval(timer));
}

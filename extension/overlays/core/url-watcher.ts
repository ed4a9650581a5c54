export type UrlWatchOptions = {
  /** The site's own "the page changed" events, dispatched on `document` (Turbo, React soft navigation…). */
  events: string[];
  signal: AbortSignal;
  /** Fallback for navigations that fire no event at all. */
  pollMs?: number;
};

/**
 * Calls `onChange(reason)` when the page changed without a reload: a site event (even
 * with the same URL, since the content was re-rendered), back/forward, or a new URL
 * seen by polling. Stops when `signal` aborts.
 */
export function watchNavigation(onChange: (reason: string) => void, { events, signal, pollMs = 300 }: UrlWatchOptions): void {
  let href = location.href;
  const changed = (reason: string) => {
    href = location.href;
    onChange(reason);
  };
  for (const type of events) document.addEventListener(type, () => changed(type), { signal });
  window.addEventListener('popstate', () => location.href !== href && changed('popstate'), { signal });
  const timer = setInterval(() => location.href !== href && changed('url'), pollMs);
  signal.addEventListener('abort', () => clearInterval(timer));
}

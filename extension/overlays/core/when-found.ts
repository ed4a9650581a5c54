/**
 * Resolves with what `find` returns once it returns something, checking again whenever
 * the page changes (a MutationObserver), for at most `timeoutMs`; null after that or on
 * abort. Sites like GitHub's React views and HubSpot render their anchors after load.
 *
 * @example const sidebar = await whenFound(() => document.querySelector('#sidebar'), { signal, timeoutMs: 10_000 })
 */
export function whenFound<T>(find: () => T | null, { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number }): Promise<T | null> {
  const now = find();
  if (now !== null || signal.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (value: T | null) => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
      resolve(value);
    };
    const abort = () => done(null);
    const observer = new MutationObserver(() => {
      const found = find();
      if (found !== null) done(found);
    });
    // The whole document: an in-app navigation may replace <body>.
    observer.observe(document.documentElement, { childList: true, subtree: true });
    const timer = setTimeout(abort, timeoutMs);
    signal.addEventListener('abort', abort);
  });
}

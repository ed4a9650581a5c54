/**
 * How long this instance of a content script runs: until a newer instance of the same
 * script starts in the tab (it was injected again).
 *
 * Not WXT's `ctx.signal`: WXT aborts it when the document sees a
 * `<extension id>:<script>:wxt:content-script-started` event, and any page script that
 * knows Weft's id can dispatch one, which removed the panel at the page's will. The
 * hand-over here goes through the content scripts' isolated world instead: both
 * instances share its globals, and the page cannot see or touch them.
 *
 * @example runFeatures(features, { events, signal: instanceLifetime('github') })
 */
export function instanceLifetime(script: string): AbortSignal {
  const slot = globalThis as unknown as Record<symbol, AbortController | undefined>;
  const key = Symbol.for(`weft:content-script:${script}`);
  slot[key]?.abort();
  const controller = new AbortController();
  slot[key] = controller;
  return controller.signal;
}

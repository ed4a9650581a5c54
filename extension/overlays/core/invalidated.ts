/**
 * After the extension is updated or reloaded, a content script already in a page is
 * orphaned: every call to the extension throws "Extension context invalidated". The
 * panel then asks for a page reload instead of showing an error.
 */

let lost = false;
const listeners = new Set<() => void>();

function isContextInvalidated(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /extension context invalidated/i.test(message) || !hasRuntime();
}

function hasRuntime(): boolean {
  try {
    return Boolean((globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id);
  } catch {
    return false;
  }
}

export function contextLost(): boolean {
  return lost || !hasRuntime();
}

export function onContextLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The extension is gone (WXT's context noticed): every panel shows the reload note now. */
export function markContextLost(): void {
  if (lost) return;
  lost = true;
  for (const listener of listeners) listener();
}

/**
 * A call to the background, with the orphaned case turned into one state change
 * (`contextLost()`) and a rejection the caller may ignore.
 */
export async function callBackground<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isContextInvalidated(err)) {
      markContextLost();
      throw new Error('Weft was updated — reload the page.');
    }
    throw err;
  }
}

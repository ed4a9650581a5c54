/**
 * The first element matching any of `candidates` (the site's current markup first, then
 * older or alternative markup). A dev build says which named selector found nothing, so
 * a site redesign shows up in the console rather than as a silently missing panel;
 * `quiet` is for callers that look again on every change while a page renders.
 */
export function findFirst(name: string, candidates: readonly string[], root: ParentNode = document, quiet = false): Element | null {
  for (const selector of candidates) {
    const found = query(root, selector);
    if (found) return found;
  }
  if (import.meta.env.DEV && !quiet) console.debug(`[weft] selector not found: ${name}`);
  return null;
}

/** `querySelector`, with a selector this browser cannot parse (`:has()` before Chrome 105, Firefox 121) as no match. */
function query(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

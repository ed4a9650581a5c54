/**
 * The first element matching any of `candidates` (the site's current markup first, then
 * older or alternative markup). A dev build says which named selector found nothing, so
 * a site redesign shows up in the console rather than as a silently missing panel.
 */
export function findFirst(name: string, candidates: readonly string[], root: ParentNode = document): Element | null {
  for (const selector of candidates) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  if (import.meta.env.DEV) console.debug(`[weft] selector not found: ${name}`);
  return null;
}

/** Helpers for turning provider payloads into event summaries. Remote data stays data. */

/** Only http(s) URLs are kept: a summary URL becomes a link and a notification click. */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

export const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : null);

/** `@login` mentions in Markdown text, as GitHub recognises them. */
export function githubMentions(...texts: unknown[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    for (const m of text.matchAll(/(?:^|[^\w`])@([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\b/gi)) found.add(m[1]!);
  }
  return [...found];
}

/** Cuts remote text to a one-line title. */
export function oneLine(text: unknown, max = 140): string {
  const s = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export const asObject = (v: unknown): Record<string, any> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {});

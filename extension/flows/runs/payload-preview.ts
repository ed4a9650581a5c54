/** How much of a value's text a run page shows before "Show all": about 2 KB. */
export const previewChars = 2_048;

export type PayloadPreview = {
  /** One line saying what the value is: "4 fields: action, issue, repository, sender · 48 KB". */
  summary: string;
  /** The value as indented JSON text (a string as it is). */
  text: string;
  /** The first `previewChars` of it, cut at a line end where one is near; the whole text when short. */
  preview: string;
  /** Whether `preview` is only part of `text`. */
  cut: boolean;
  /** The text's size as the user would count it: "48 KB", "1.5 KB", "512 bytes" (UTF-8). */
  size: string;
};

/**
 * What a run page shows of a trigger payload or a step's input or output: a summary line
 * and the start of its text, so a 1 MB webhook body does not become a 1 MB page. Text
 * only: the caller puts it in a `<pre>`, never in markup.
 *
 * @example previewOf({ issue: { title: 'Crash' }, action: 'opened' }).summary // '2 fields: issue, action · 63 bytes'
 */
export function previewOf(value: unknown, limit = previewChars): PayloadPreview {
  const text = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? 'null');
  const size = sizeOf(new TextEncoder().encode(text).length);
  const cut = text.length > limit;
  return { summary: `${shapeOf(value)} · ${size}`, text, preview: cut ? head(text, limit) : text, cut, size };
}

function shapeOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 1 ? 'a list of 1 item' : `a list of ${value.length} items`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'no fields';
    const named = keys.slice(0, 5).join(', ') + (keys.length > 5 ? ', …' : '');
    return `${keys.length === 1 ? '1 field' : `${keys.length} fields`}: ${named}`;
  }
  if (typeof value === 'string') return value.length === 1 ? 'text, 1 character' : `text, ${value.length} characters`;
  return String(value);
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kb = bytes / 1024;
  return kb < 10 ? `${kb.toFixed(1)} KB` : `${Math.round(kb)} KB`;
}

/** The first `limit` characters, ending at the last line break in the second half of them (JSON reads better by whole lines); never half a surrogate pair. */
function head(text: string, limit: number): string {
  const start = text.slice(0, limit);
  const lineEnd = start.lastIndexOf('\n');
  if (lineEnd > limit / 2) return start.slice(0, lineEnd);
  const last = start.charCodeAt(start.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? start.slice(0, -1) : start;
}

/**
 * The offset in `text` of a 1-based line and column (clamped to the text), to put the
 * cursor where a problem is.
 *
 * @example offsetOf('a\nbcd', 2, 3) // 4
 */
export function offsetOf(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset);
  return Math.min(offset + Math.max(0, column - 1), end === -1 ? text.length : end);
}

/**
 * What the other side said, in a line a person can read: the usual error fields of a JSON
 * answer (`message`, `error`, `error_description`, `detail`, `title`), else the start of
 * the text. Remote text, so it is cut short and kept on one line.
 *
 * @example answerWords('{"message":"Bad credentials"}') // 'Bad credentials'
 */
export function answerWords(text: string, max = 300): string {
  let words = text;
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object') {
      const o = json as Record<string, unknown>;
      const nested = o.error && typeof o.error === 'object' ? (o.error as Record<string, unknown>).message : undefined;
      const found = [nested, o.message, o.error_description, o.error, o.detail, o.title].find((v) => typeof v === 'string' && v.trim());
      if (typeof found === 'string') words = found;
    }
  } catch {
    // Not JSON: the text itself.
  }
  const line = words.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

// Splitting a step input string into literal text and `{{ expr }}` templates.
//
// The end of a template is found by scanning, not by searching for the first `}}`: an
// expression may hold a map literal (`{{ {"a": {"b": 1}} }}`) or a string containing
// `}}`, so braces are counted and quoted text is skipped. There is no escape for a
// literal `{{`: write it as an expression, `{{ "{{" }}`.

export type TemplatePart =
  | { text: string }
  | { expression: string; /** Offset of the `{{` in the string. */ start: number };

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

/** The parts of `source` in order; a string without `{{` is one text part. */
export function templateParts(source: string, maxTemplates: number): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let textStart = 0;
  let at = source.indexOf('{{');
  while (at !== -1) {
    if (parts.filter((p) => 'expression' in p).length >= maxTemplates) {
      throw new TemplateSyntaxError(`More than ${maxTemplates} {{ }} templates in one string.`, at);
    }
    const end = closingBraces(source, at + 2);
    if (end === -1) throw new TemplateSyntaxError('A {{ is never closed with }}.', at);
    if (at > textStart) parts.push({ text: source.slice(textStart, at) });
    const expression = source.slice(at + 2, end).trim();
    if (!expression) throw new TemplateSyntaxError('An empty {{ }} template: put an expression inside.', at);
    parts.push({ expression, start: at });
    textStart = end + 2;
    at = source.indexOf('{{', textStart);
  }
  if (textStart < source.length) parts.push({ text: source.slice(textStart) });
  return parts;
}

/** The expression when the whole string is exactly one template (it then keeps the value's type). */
export function soleExpression(parts: TemplatePart[]): string | undefined {
  const [only] = parts;
  return parts.length === 1 && only && 'expression' in only ? only.expression : undefined;
}

/** Offset of the `}}` closing a template whose expression starts at `from`, or -1. */
function closingBraces(source: string, from: number): number {
  let depth = 0;
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'") {
      i = endOfQuoted(source, i);
      if (i === -1) return -1;
    } else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0 && source[i + 1] === '}') return i;
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** Index of the quote closing the CEL string literal opened at `open` (triple quotes too). */
function endOfQuoted(source: string, open: number): number {
  const quote = source[open]!;
  const triple = source.startsWith(quote.repeat(3), open);
  const closer = triple ? quote.repeat(3) : quote;
  for (let i = open + closer.length; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source.startsWith(closer, i)) return i + closer.length - 1;
  }
  return -1;
}

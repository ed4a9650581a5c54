/**
 * How deeply JSON bodies may nest, at every door that takes JSON (webhooks, the API, the
 * push socket). Real payloads stay far below it (GitHub's nest about 6 levels, Slack's
 * rich-text blocks about 10); the limit exists because V8's JSON.parse is iterative but
 * JSON.stringify recurses: a 12 KB body nested 5,000 levels deep parses fine, is stored,
 * and then throws "Maximum call stack size exceeded" on every later attempt to send it.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, found by one linear scan
 * of the text (no parse, no recursion; brackets inside strings do not count), so it is
 * safe to run before `JSON.parse` on anything that fits the body size limit. Text that is
 * not JSON gets an arbitrary answer; `JSON.parse` rejects it next. It runs on every
 * webhook, whose bodies are mostly strings (URLs, text): a string is skipped with
 * `indexOf` to its closing quote, not walked a character at a time.
 *
 * @example jsonNestsDeeperThan('[[1]]', 1) // true
 * @example jsonNestsDeeperThan('{"a":"[[[["}', 1) // false
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      i = closingQuote(text, i);
      if (i < 0) return false;
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return true;
    } else if (ch === 0x5d || ch === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Where the string opened at `open` ends: the next quote not escaped by an odd run of backslashes; -1 if none. */
function closingQuote(text: string, open: number): number {
  let end = open;
  for (;;) {
    end = text.indexOf('"', end + 1);
    if (end < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
}

/**
 * Whether a parsed JSON value nests arrays and objects deeper than `limit`, counted as
 * `jsonNestsDeeperThan` counts the text it came from, by a walk with a stack of its own
 * (no recursion, so a value parsed from 100,000 levels is walked too). Only arrays and
 * objects are visited: on a GitHub webhook it takes under a microsecond, where the text
 * scan takes about five.
 */
export function valueNestsDeeperThan(value: unknown, limit: number): boolean {
  const nodes: object[] = [];
  const depths: number[] = [];
  if (typeof value === 'object' && value !== null) {
    nodes.push(value);
    depths.push(1);
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** The message every door answers a too-deep body with. */
export const tooDeepMessage = (what: string) =>
  `${what} nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep; Weft accepts at most ${MAX_JSON_DEPTH}.`;

export type BoundedJson = { ok: true; value: unknown } | { ok: false; code: 'invalid_json' | 'invalid_request'; message: string };

/**
 * `JSON.parse` behind the depth bound, checked on the text before parsing: a stranger's
 * 1 MB of `[[[[…` is refused after 65 characters, where parsing it first would cost
 * some 40 times what as much ordinary JSON does. `what` names the text in the message ("The body",
 * "This message").
 *
 * @example parseBoundedJson('{"a":1}') // { ok: true, value: { a: 1 } }
 */
export function parseBoundedJson(text: string, what = 'The body'): BoundedJson {
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) return { ok: false, code: 'invalid_request', message: tooDeepMessage(what) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, code: 'invalid_json', message: `${what} is not valid JSON.` };
  }
}

/**
 * `parseBoundedJson` for text whose sender was authenticated first (a provider's webhook
 * whose signature verified): parsed, then the value walked for the depth bound. That is
 * cheaper on every real body than scanning the text first; the cost of parsing deep
 * nesting before refusing it is one only the holder of the secret can make Weft pay.
 */
export function parseSignedJson(text: string, what = 'The body'): BoundedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'invalid_json', message: `${what} is not valid JSON.` };
  }
  if (valueNestsDeeperThan(value, MAX_JSON_DEPTH)) return { ok: false, code: 'invalid_request', message: tooDeepMessage(what) };
  return { ok: true, value };
}

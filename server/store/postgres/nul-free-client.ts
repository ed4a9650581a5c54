import pg from 'pg';

/**
 * PostgreSQL's text cannot hold the character U+0000 (SQLite's can): a parameter with one
 * fails the whole statement ("invalid byte sequence for encoding UTF8: 0x00"), which
 * would turn a webhook whose body, header or id holds one into a 500 (an attacker can
 * send one at any endpoint). This client writes U+FFFD in its place in every string
 * parameter, at any depth of an array. Writes keep the rest of the text; a look-up for a
 * value with U+0000 matches what the same value was written as. JSON written by Weft is
 * unaffected: JSON.stringify escapes U+0000 as the six characters `\u0000`.
 */
export class NulFreeClient extends pg.Client {}

const REPLACEMENT = '\uFFFD';

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\0') ? value.replaceAll('\0', REPLACEMENT) : value;
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' || Array.isArray(v)) ? value.map(withoutNul) : value;
  return value;
}

const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
// pg's query() takes (text, values?, callback?), ({ text, values, name… }, callback?), or a
// submittable (a cursor, which carries its own values and is passed through untouched).
NulFreeClient.prototype.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
  if (Array.isArray(values)) values = withoutNul(values);
  if (typeof config === 'object' && config !== null && !('submit' in config) && Array.isArray((config as { values?: unknown }).values)) {
    config = { ...config, values: withoutNul((config as { values: unknown[] }).values) };
  }
  return query.call(this, config, values, callback);
} as pg.Client['query'];

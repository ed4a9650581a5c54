import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, one level each', () => {
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[1,{"c":2}]}}', 4)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":[1,{"c":2}]}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('[[1],[2],[3]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ text: '[[[[{{{{' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ text: 'a "quoted [[[" part\\' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(`${JSON.stringify('\\"[[[')}`, 0)).toBe(false);
    // A quote after an even run of backslashes ends the string; after an odd run it does not.
    expect(jsonNestsDeeperThan(JSON.stringify(['\\', '[[[']), 1)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify(['\\\\"', '[[[']), 1)).toBe(false);
    expect(jsonNestsDeeperThan(`["\\\\"${'['.repeat(3)}`, 3)).toBe(true);
    expect(jsonNestsDeeperThan('["\\"[[[[', 1)).toBe(false); // unterminated: the quote is escaped
  });

  it('scans a 5,000-level body without recursion', () => {
    expect(jsonNestsDeeperThan(nested(5000), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, parseBoundedJson, parseSignedJson, valueNestsDeeperThan } from './json-depth';

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

describe('valueNestsDeeperThan', () => {
  it('agrees with the text scan on any JSON value, at any limit', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
      expect(valueNestsDeeperThan(value, limit)).toBe(jsonNestsDeeperThan(JSON.stringify(value), limit));
    }), { numRuns: 2000 });
  });

  it('walks a value parsed from 100,000 levels without recursion', () => {
    expect(valueNestsDeeperThan(JSON.parse(nested(100_000)), MAX_JSON_DEPTH)).toBe(true);
    expect(valueNestsDeeperThan(JSON.parse(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
  });
});

describe('parseSignedJson', () => {
  it('answers what parseBoundedJson answers for valid JSON, too deep or not', () => {
    for (const text of ['{"a":[1,{"b":null}]}', '"text"', '42', nested(MAX_JSON_DEPTH), nested(MAX_JSON_DEPTH + 1), nested(5000)]) {
      expect(parseSignedJson(text, 'The body')).toEqual(parseBoundedJson(text, 'The body'));
    }
    expect(parseSignedJson(nested(5000))).toMatchObject({ ok: false, code: 'invalid_request', message: expect.stringContaining(`at most ${MAX_JSON_DEPTH}`) });
  });

  it('refuses text that is not JSON with the same message', () => {
    expect(parseSignedJson('{"a":', 'This message')).toEqual({ ok: false, code: 'invalid_json', message: 'This message is not valid JSON.' });
  });
});

import { describe, expect, it } from 'vitest';
import { previewChars, previewOf } from './payload-preview';

describe('previewOf', () => {
  it('says what a value is in one line: its fields, or its length, and its size', () => {
    expect(previewOf({ issue: { title: 'Crash' }, action: 'opened' }).summary).toBe('2 fields: issue, action · 63 bytes');
    expect(previewOf({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }).summary).toMatch(/^6 fields: a, b, c, d, e, … · /);
    expect(previewOf([1, 2, 3]).summary).toMatch(/^a list of 3 items · /);
    expect(previewOf('héllo').summary).toBe('text, 5 characters · 6 bytes');
    expect(previewOf(null).summary).toBe('nothing · 4 bytes');
  });

  it('keeps a short value whole', () => {
    const shown = previewOf({ text: 'hello' });
    expect(shown.cut).toBe(false);
    expect(shown.preview).toBe(shown.text);
  });

  it('shows only the first 2 KB of a long value, at a line end, and its whole size', () => {
    const value = { items: Array.from({ length: 5_000 }, (_, i) => ({ n: i, title: `Item ${i}` })) };
    const shown = previewOf(value);
    expect(shown.cut).toBe(true);
    expect(shown.preview.length).toBeLessThanOrEqual(previewChars);
    expect(shown.preview.length).toBeGreaterThan(previewChars / 2);
    expect(shown.text.startsWith(shown.preview)).toBe(true);
    expect(shown.text.charAt(shown.preview.length)).toBe('\n');
    expect(shown.size).toBe(`${Math.round(new TextEncoder().encode(shown.text).length / 1024)} KB`);
  });

  it('never cuts a character in two', () => {
    const shown = previewOf('😀'.repeat(3_000));
    expect(shown.cut).toBe(true);
    expect(shown.preview).toBe('😀'.repeat(1_024));
  });
});

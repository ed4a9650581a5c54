import { describe, expect, it } from 'vitest';
import { offsetOf } from './text-position';

describe('offsetOf', () => {
  it('finds a line and column, clamped to the line and the text', () => {
    const text = 'weft: integration/v1\nname: x\nflows:\n';
    expect(text.slice(offsetOf(text, 2, 7))).toBe('x\nflows:\n');
    expect(offsetOf(text, 2, 99)).toBe(text.indexOf('\nflows'));
    expect(offsetOf(text, 40, 1)).toBe(text.length);
    expect(offsetOf(text, 1)).toBe(0);
  });
});

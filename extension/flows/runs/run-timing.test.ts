import { describe, expect, it } from 'vitest';
import { duration } from './run-timing';

describe('duration', () => {
  it('reads milliseconds, seconds and minutes; null until finished', () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    expect(duration(at(0), at(340))).toBe('340 ms');
    expect(duration(at(0), at(12_500))).toBe('12.5 s');
    expect(duration(at(0), at(184_000))).toBe('3 min 4 s');
    expect(duration(at(0), null)).toBeNull();
  });
});

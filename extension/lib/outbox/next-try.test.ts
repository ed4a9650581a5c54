import { describe, expect, it } from 'vitest';
import { nextTry } from './next-try';

describe('nextTry', () => {
  it.each([
    [null, ''],
    [-5_000, 'trying now'],
    [0, 'trying now'],
    [1, 'next try in 1 s'],
    [12_000, 'next try in 12 s'],
    [59_500, 'next try in 1 min'],
    [90_000, 'next try in 2 min'],
    [300_000, 'next try in 5 min'],
  ])('%s ms ahead → %s', (ahead, text) => {
    expect(nextTry(ahead === null ? null : 1_000_000 + ahead, 1_000_000)).toBe(text);
  });
});

import { expect, it } from 'vitest';
import { keptRecent } from './recent';

it('keeps the most recently used values, up to its size, dropping the one used longest ago', () => {
  const kept = keptRecent<number>(2);
  kept.set('a', 1);
  kept.set('b', 2);
  expect(kept.get('a')).toBe(1); // a is now the most recent: b goes first
  kept.set('c', 3);
  expect([kept.get('a'), kept.get('b'), kept.get('c')]).toEqual([1, undefined, 3]);
  // A value that is set again replaces the old one without growing past the size.
  expect(kept.set('a', 10)).toBe(10);
  kept.set('d', 4);
  expect([kept.get('a'), kept.get('c'), kept.get('d')]).toEqual([10, undefined, 4]);
});

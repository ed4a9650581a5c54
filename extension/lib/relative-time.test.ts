import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

const now = Date.parse('2026-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it.each([
    [null, 'never'],
    ['not a date', 'never'],
    [ago(10), 'just now'],
    [ago(5 * 60), '5 minutes ago'],
    [ago(3600), '1 hour ago'],
    [ago(26 * 3600), 'yesterday'],
    [ago(3 * 24 * 3600), '3 days ago'],
    [ago(14 * 24 * 3600), '2 weeks ago'],
    [ago(400 * 24 * 3600), 'last year'],
    [ago(-2 * 3600), 'in 2 hours'],
  ])('%s → %s', (iso, expected) => {
    expect(relativeTime(iso, now)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { tooManyAttempts, waitText } from './wait';

describe('waitText', () => {
  it('speaks in minutes, not hundreds of seconds', () => {
    expect(waitText(899)).toBe('in 15 minutes');
    expect(waitText(900)).toBe('in 15 minutes');
    expect(waitText(61)).toBe('in 2 minutes');
    expect(waitText(60)).toBe('in 1 minute');
  });

  it('keeps seconds under a minute, hours and days beyond', () => {
    expect(waitText(1)).toBe('in 1 second');
    expect(waitText(0)).toBe('in 1 second');
    expect(waitText(42.2)).toBe('in 43 seconds');
    expect(waitText(3 * 3600)).toBe('in 3 hours');
    expect(waitText(3 * 86_400)).toBe('in 3 days');
  });

  it('makes the rate-limit sentence, with or without a known wait', () => {
    expect(tooManyAttempts(899)).toBe('Too many attempts. Try again in 15 minutes.');
    expect(tooManyAttempts(undefined)).toBe('Too many attempts. Wait a moment, then try again.');
  });
});

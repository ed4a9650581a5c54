import { describe, expect, it } from 'vitest';
import { ACTIONS, retryDecision } from './retry-policy';

const h = (o: Record<string, string>) => new Headers(o);
const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('retryDecision', () => {
  it('retries 429/5xx/network, honours Retry-After, gives up after the last attempt', () => {
    expect(retryDecision(429, h({ 'retry-after': '3' }), 1, ACTIONS)).toEqual({ retry: true, waitMs: 3000 });
    expect(retryDecision(503, h({}), 1, ACTIONS, () => 1)).toEqual({ retry: true, waitMs: 500 });
    expect(retryDecision('network', null, 2, ACTIONS, () => 0.5)).toEqual({ retry: true, waitMs: 500 });
    expect(retryDecision(429, h({ 'retry-after': '3' }), 4, ACTIONS)).toEqual({ retry: false, retryAfterMs: 3000 });
  });

  it('reads Retry-After as an HTTP date too', () => {
    const in5s = new Date(NOW + 5000).toUTCString();
    expect(retryDecision(503, h({ 'retry-after': in5s }), 1, ACTIONS, Math.random, NOW)).toEqual({ retry: true, waitMs: 5000 });
  });

  it('does not sleep through a wait longer than the policy allows: it stops and says how long the provider asked for', () => {
    expect(retryDecision(429, h({ 'retry-after': '3600' }), 1, ACTIONS)).toEqual({ retry: false, retryAfterMs: 3_600_000 });
  });

  it("treats GitHub's 403 rate limits as retryable, using x-ratelimit-reset, but no other 4xx", () => {
    const reset = String(Math.floor(NOW / 1000) + 2);
    expect(retryDecision(403, h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), 1, ACTIONS, Math.random, NOW)).toEqual({ retry: true, waitMs: 2000 });
    expect(retryDecision(403, h({}), 1, ACTIONS)).toEqual({ retry: false });
    expect(retryDecision(422, h({}), 1, ACTIONS)).toEqual({ retry: false });
    expect(retryDecision(401, h({ 'retry-after': '1' }), 1, ACTIONS)).toEqual({ retry: false });
  });
});

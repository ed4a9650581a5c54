import { afterEach, describe, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { loadConfig } from '../config';
import { createTestApp, type TestApp } from '../testing/test-app';
import { forwardedClient } from './client-ip';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('client IP behind trusted proxies', () => {
  it('takes the entry the trusted proxy appended, not the spoofable first one', () => {
    expect(forwardedClient('6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClient('203.0.113.7', 1)).toBe('203.0.113.7');
    // A CDN then nginx: the CDN appends the client, nginx appends the CDN.
    expect(forwardedClient('6.6.6.6, 7.7.7.7, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    // Fewer entries than proxies: the leftmost was still written by one of ours.
    expect(forwardedClient('203.0.113.7', 3)).toBe('203.0.113.7');
    expect(forwardedClient('2001:db8::1 , 2001:db8::2', 1)).toBe('2001:db8::2');
  });

  it('ignores a missing, empty or non-address entry (the socket address is used instead)', () => {
    expect(forwardedClient(undefined, 1)).toBeUndefined();
    expect(forwardedClient(' , ', 1)).toBeUndefined();
    expect(forwardedClient('6.6.6.6, not-an-ip', 1)).toBeUndefined();
  });

  it('reads WEFT_TRUST_PROXY as a number of proxies, keeping 1/true and 0/false', () => {
    const hops = (value?: string) => loadConfig(value === undefined ? {} : { WEFT_TRUST_PROXY: value }).trustProxy;
    expect([hops(), hops('0'), hops('false'), hops('1'), hops('true'), hops('2')]).toEqual([0, 0, 0, 1, 1, 2]);
    expect(() => hops('yes')).toThrow(/WEFT_TRUST_PROXY: Use the number of reverse proxies/);
  });
});

forEachEngine('the per-address limit behind trusted proxies', (engine) => {
  it('the per-address limit holds against a client that varies the leading X-Forwarded-For entries', async () => {
    t = await createTestApp({ WEFT_TRUST_PROXY: '1' }, { engine });
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      // Each request names a new "client" first; the proxy appends the real address last.
      const headers = { 'x-forwarded-for': `10.${i}.0.1, 198.51.100.9` };
      statuses.push((await t.call('POST', '/api/auth/signup', { body: {}, headers })).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Another real address is not affected.
    expect((await t.call('POST', '/api/auth/signup', { body: {}, headers: { 'x-forwarded-for': '10.0.0.1, 203.0.113.5' } })).status).toBe(400);
  });

  it('with WEFT_TRUST_PROXY=2 the client is the second entry from the end', async () => {
    t = await createTestApp({ WEFT_TRUST_PROXY: '2' }, { engine });
    for (let i = 0; i < 60; i++) {
      const headers = { 'x-forwarded-for': `10.${i}.0.1, 198.51.100.9, 10.0.0.2` };
      await t.call('POST', '/api/auth/signup', { body: {}, headers });
    }
    const blocked = await t.call('POST', '/api/auth/signup', { body: {}, headers: { 'x-forwarded-for': '198.51.100.9, 10.0.0.3' } });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.message).toBe('Too many attempts. Try again in 15 minutes.');
  });
});

import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { REJECTIONS_PER_SOURCE } from './rejections';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

forEachEngine('refused webhooks are throttled per address', (engine) => {
  it('an IPv6 sender hopping through its /64 is one address, and gets its 429 with the reason and the wait in minutes', async () => {
    // One trusted proxy: the client address is the last X-Forwarded-For entry.
    t = await createTestApp({ WEFT_TRUST_PROXY: '1' }, { engine });
    const ada = await t.signUp();
    const { id } = (await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Forms', signed: false } })).json;
    const post = (address: string) => t!.call('POST', `/hooks/custom/${id}`, { body: '{not json', headers: { 'x-forwarded-for': address } });
    const firstAt = Date.now();
    for (let i = 1; i <= REJECTIONS_PER_SOURCE; i++) expect((await post(`2001:db8:1:2::${i.toString(16)}`)).status).toBe(400);
    const throttled = await post('2001:db8:1:2:ffff::1');
    expect(throttled.status).toBe(429);
    expect(throttled.json.error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/^The body is not valid JSON\. .*try again in 10 minutes\.$/) });
    // The wait is until the first refusal of the window ages out (10 minutes after it), in
    // whole seconds: 600, less the seconds the refusals themselves took on a slow machine.
    const retryAfter = Number(throttled.headers.get('retry-after'));
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(retryAfter).toBeGreaterThanOrEqual(600 - Math.ceil((Date.now() - firstAt) / 1000));
    // Another /64 has its own budget.
    expect((await post('2001:db8:1:3::1')).status).toBe(400);
  });
});

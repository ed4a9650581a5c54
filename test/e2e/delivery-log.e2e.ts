import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJECTED_ROWS_PER_HOUR, REJECTIONS_PER_SOURCE } from '../../server/hooks/rejections';
import { DELIVERIES_PAGE_DEFAULT as deliveriesPageSize } from '../../shared/protocol/deliveries';
import { waitForText } from '../support/popup-steps';
import { standardWebhookHeaders } from '../support/webhook-signing';
import { screenshot, startStack, type Stack } from './harness';
import { signInExtension, signUp, type Auth } from './overlay-setup';

let stack: Stack;
let auth: Auth;

beforeAll(async () => {
  stack = await startStack();
  auth = await signUp(stack, 'ada@example.com');
  await signInExtension(stack, auth);
});

afterAll(async () => {
  await stack?.close();
});

describe('the delivery log under a flood of forged webhooks (issue 7, item 10; paging: issue 9)', () => {
  it('options shows the capped rejected rows a page at a time, the genuine delivery, and one line counting the rest', async () => {
    const created = await fetch(`${stack.weft.url}/api/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Deploys', signed: true }),
    });
    const { id, secret } = (await created.json()) as { id: string; secret: string };
    const forged = 120;
    for (let i = 0; i < forged; i++) {
      const body = JSON.stringify({ title: `<img src=x onerror=alert(${i})> forged` });
      const res = await fetch(`${stack.weft.url}/hooks/custom/${id}`, { method: 'POST', body, headers: standardWebhookHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', body) });
      expect(res.status).toBe(i < REJECTIONS_PER_SOURCE ? 401 : 429);
    }
    const genuine = JSON.stringify({ title: 'Deployed v2.0' });
    expect((await fetch(`${stack.weft.url}/hooks/custom/${id}`, { method: 'POST', body: genuine, headers: standardWebhookHeaders(secret, genuine) })).status).toBe(202);

    const options = await stack.browser.newPage();
    await options.setViewport({ width: 1000, height: 900 });
    await options.goto(stack.extensionUrl('options.html'));
    const dropped = forged - REJECTED_ROWS_PER_HOUR;
    await waitForText(options, '[data-testid="deliveries-not-logged"]', `${dropped} more rejected requests were dropped`);
    // The log comes a page at a time: the newest page, then "Load older" for the rest,
    // after which there is nothing older to offer.
    const rowCount = () => options.$$eval('[data-testid="delivery-row"]', (els) => els.length);
    expect(REJECTED_ROWS_PER_HOUR + 1).toBeGreaterThan(deliveriesPageSize);
    expect(await rowCount()).toBe(deliveriesPageSize);
    await options.$eval('[data-testid="deliveries-load-older"]', (el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(options, 'options-delivery-log-load-older');
    await options.locator('[data-testid="deliveries-load-older"]').click();
    await options.waitForFunction((n) => document.querySelectorAll('[data-testid="delivery-row"]').length === n, {}, REJECTED_ROWS_PER_HOUR + 1);
    expect(await options.$('[data-testid="deliveries-load-older"]')).toBeNull();
    const ids = await options.$$eval('[data-testid="delivery-row"]', (els) => els.map((el) => Number(el.getAttribute('data-delivery-id'))));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // Only the genuine delivery offers Replay: a rejected one keeps no body to run again.
    const replayable = await options.$$eval('[data-testid="delivery-row"]', (els) =>
      els.map((el) => [el.getAttribute('data-status'), !!el.querySelector('[data-testid="delivery-replay"]')]),
    );
    expect(replayable.filter(([, button]) => button)).toEqual([['accepted', true]]);
    // The forged bodies' markup stayed text: no image element was made from them.
    expect(await options.$$eval('[data-testid="deliveries"] img', (els) => els.length)).toBe(0);
    await options.$eval('[data-testid="deliveries-not-logged"]', (el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(options, 'options-delivery-log-flood');
    await options.close();
  }, 60_000);
});

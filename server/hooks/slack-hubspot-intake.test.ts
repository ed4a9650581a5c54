import { afterEach, expect, it } from 'vitest';
import { hubspotHeaders, slackHeaders, WEBHOOK_SECRETS } from '../../test/support/webhook-signing';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { connectAccount, countEvents } from '../testing/webhooks';

let t: TestApp | undefined;
afterEach(async () => t?.close());

const slackEvent = (eventId: string, text = 'deploy is done <@U0LAN0Z89>') =>
  JSON.stringify({
    token: 'x', team_id: 'T123ABC', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: 1700000000,
    event: { type: 'message', channel: 'C2147483705', user: 'U2147483697', text, ts: '1355517523.000005' },
  });

// Shaped as HubSpot's docs show: https://developers.hubspot.com/docs/api/webhooks
const hubspotBatch = (ids: number[]) =>
  JSON.stringify(ids.map((eventId) => ({
    eventId, subscriptionId: 4210, portalId: 62515, appId: 1160452, occurredAt: 1700000000000,
    subscriptionType: 'deal.propertyChange', attemptNumber: 0, objectId: 1246965, propertyName: 'dealstage',
    propertyValue: 'closedwon', changeSource: 'CRM',
  })));

forEachEngine('POST /hooks/slack', (engine) => {
  it('answers url_verification with the challenge and writes no event', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const body = JSON.stringify({ token: 'x', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const res = await t.app.request('/hooks/slack', { method: 'POST', body, headers: slackHeaders(body) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expect(await countEvents(t)).toBe(0);
  });

  it('routes an event by team_id, dedupes Slack retries on event_id, refuses stale timestamps', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    await connectAccount(t, ada.user, 'slack', { id: 'T123ABC', label: 'Acme' });
    const body = slackEvent('Ev1');
    expect((await t.app.request('/hooks/slack', { method: 'POST', body, headers: slackHeaders(body) })).status).toBe(202);
    const retry = await t.app.request('/hooks/slack', { method: 'POST', body, headers: { ...slackHeaders(body), 'x-slack-retry-num': '1' } });
    expect(retry.status).toBe(200);
    expect(await countEvents(t, 'slack.message')).toBe(1);

    const stale = slackEvent('Ev2');
    const old = await t.app.request('/hooks/slack', { method: 'POST', body: stale, headers: slackHeaders(stale, Math.floor(Date.now() / 1000) - 301) });
    expect(old.status).toBe(401);
    expect(((await old.json()) as any).error.message).toMatch(/30[12] s old/);
    expect(await countEvents(t)).toBe(1);
    const [event] = (await t.call('GET', '/api/events', { token: ada.token })).json.events.filter((e: any) => e.type === 'slack.message');
    expect(event.summary.mentions).toEqual(['U0LAN0Z89']);
  });
});

forEachEngine('POST /hooks/hubspot', (engine) => {
  it('turns each event of the array into one event, deduped on eventId, routed by portalId', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    await connectAccount(t, ada.user, 'hubspot', { id: '62515', label: 'Portal 62515' });
    const first = hubspotBatch([1, 2, 3]);
    expect((await t.app.request('/hooks/hubspot', { method: 'POST', body: first, headers: hubspotHeaders(first) })).status).toBe(202);
    expect(await countEvents(t, 'hubspot.deal.propertyChange')).toBe(3);
    // HubSpot retries a batch: the overlap is deduped per event.
    const second = hubspotBatch([3, 4]);
    expect((await t.app.request('/hooks/hubspot', { method: 'POST', body: second, headers: hubspotHeaders(second) })).status).toBe(202);
    expect(await countEvents(t, 'hubspot.deal.propertyChange')).toBe(4);
    const events = (await t.call('GET', '/api/events', { token: ada.token })).json.events.filter((e: any) => e.type.startsWith('hubspot.'));
    expect(events[0].summary).toMatchObject({ title: 'Deal 1246965: dealstage → closedwon', url: 'https://app.hubspot.com/contacts/62515/record/0-3/1246965' });
  });

  it('signs over the public URI: a signature for another URI, or 6-minute-old timestamp, is refused', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const body = hubspotBatch([9]);
    const elsewhere = await t.app.request('/hooks/hubspot', { method: 'POST', body, headers: hubspotHeaders(body, 'https://attacker.example/hooks/hubspot') });
    expect(elsewhere.status).toBe(401);
    const old = await t.app.request('/hooks/hubspot', { method: 'POST', body, headers: hubspotHeaders(body, undefined, Date.now() - 360_000) });
    expect(old.status).toBe(401);
    const notArray = JSON.stringify({ eventId: 1 });
    const shape = await t.app.request('/hooks/hubspot', { method: 'POST', body: notArray, headers: hubspotHeaders(notArray) });
    expect(shape.status).toBe(400);
    expect(await countEvents(t)).toBe(0);
  });
});

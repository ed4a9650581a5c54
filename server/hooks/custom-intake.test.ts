import { afterEach, expect, it } from 'vitest';
import { standardWebhookHeaders } from '../../test/support/webhook-signing';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { countEvents } from '../testing/webhooks';

let t: TestApp | undefined;
afterEach(async () => t?.close());

forEachEngine('custom webhooks', (engine) => {
  it('a signed endpoint: the secret is shown once; Standard Webhooks signatures are checked; webhook-id dedupes', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const created = await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Deploys', signed: true } });
    expect(created.status).toBe(201);
    const { id, url, secret } = created.json;
    expect(url).toBe(`http://weft.test/hooks/custom/${id}`);
    expect(secret).toMatch(/^whsec_/);
    const listed = await t.call('GET', '/api/webhooks', { token: ada.token });
    expect(JSON.stringify(listed.json)).not.toContain(secret);

    const body = JSON.stringify({ title: 'Deployed v1.2', url: 'https://ci.example.com/runs/1' });
    const headers = standardWebhookHeaders(secret, body, 'msg_1');
    expect((await t.app.request(`/hooks/custom/${id}`, { method: 'POST', body, headers })).status).toBe(202);
    expect((await t.app.request(`/hooks/custom/${id}`, { method: 'POST', body, headers })).status).toBe(200);
    const forged = await t.app.request(`/hooks/custom/${id}`, { method: 'POST', body, headers: standardWebhookHeaders('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', body) });
    expect(forged.status).toBe(401);
    const stale = await t.app.request(`/hooks/custom/${id}`, { method: 'POST', body, headers: standardWebhookHeaders(secret, body, 'msg_2', Math.floor(Date.now() / 1000) - 400) });
    expect(stale.status).toBe(401);
    expect(await countEvents(t)).toBe(1);

    const events = (await t.call('GET', '/api/events', { token: ada.token })).json.events;
    expect(events[0]).toMatchObject({ type: `custom.${id}`, summary: { title: 'Deploys: Deployed v1.2', url: 'https://ci.example.com/runs/1' } });
    const log = (await t.call('GET', '/api/deliveries?status=rejected', { token: ada.token })).json.deliveries;
    expect(log).toHaveLength(2);
    expect(log[0].reason).toMatch(/old|future/);
  });

  it('an unsigned endpoint takes any JSON at its unguessable URL; malformed JSON is 400; unknown ids are 404', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const { id, secret } = (await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Forms', signed: false } })).json;
    expect(secret).toBeNull();
    expect((await t.app.request(`/hooks/custom/${id}`, { method: 'POST', body: '[1,2,3]' })).status).toBe(202);
    expect((await t.app.request(`/hooks/custom/${id}`, { method: 'POST', body: '{nope' })).status).toBe(400);
    expect((await t.app.request('/hooks/custom/whk_doesnotexist', { method: 'POST', body: '{}' })).status).toBe(404);
    expect(await countEvents(t)).toBe(1);
  });

  it('replay re-dispatches a delivery as a new event; other users can neither see nor replay it', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const bob = await t.signUp();
    const { id } = (await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Forms', signed: false } })).json;
    await t.app.request(`/hooks/custom/${id}`, { method: 'POST', body: '{"title":"hello"}' });
    const [delivery] = (await t.call('GET', '/api/deliveries', { token: ada.token })).json.deliveries;
    expect((await t.call('POST', `/api/deliveries/${delivery.id}/replay`, { token: bob.token })).status).toBe(404);
    const replay = await t.call('POST', `/api/deliveries/${delivery.id}/replay`, { token: ada.token });
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ events: 1, delivery: { reason: `Replay of delivery #${delivery.id}` } });
    expect(await countEvents(t)).toBe(2);
    expect((await t.call('DELETE', `/api/webhooks/${id}`, { token: bob.token })).status).toBe(404);
    expect((await t.call('DELETE', `/api/webhooks/${id}`, { token: ada.token })).status).toBe(200);
  });
});

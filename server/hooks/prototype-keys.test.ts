import { afterEach, expect, it } from 'vitest';
import { hubspotHeaders, WEBHOOK_SECRETS } from '../../test/support/webhook-signing';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { connectAccount } from '../testing/webhooks';

let t: TestApp | undefined;
afterEach(async () => t?.close());

/** Names every plain object answers to through its prototype. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

forEachEngine('ids from the URL are looked up as own keys only (/hooks/__proto__ used to be a 500)', (engine) => {
  it('/hooks/<prototype name> is a 404 that says which webhook paths exist', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    for (const name of PROTOTYPE_NAMES) {
      const res = await t.call('POST', `/hooks/${name}`, { body: {} });
      expect(res.status, name).toBe(404);
      expect(res.json.error.code).toBe('not_found');
      expect(res.json.error.message).toContain('/hooks/github');
    }
  });

  it('/api/actions/<provider>/<prototype name> is a 404 naming the missing action', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    for (const provider of ['github', 'hubspot', 'slack', 'stripe']) {
      for (const name of PROTOTYPE_NAMES) {
        const res = await t.call('POST', `/api/actions/${provider}/${name}`, { token: ada.token, body: { input: {} } });
        expect(res.status, `${provider}/${name}`).toBe(404);
        expect(res.json.error.message).toMatch(/has no action/);
      }
    }
  });

  it('provider ids in /api/connections/:provider/authorize, /api/actions/:provider and /oauth/:provider/callback are 404s or the error page', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    for (const name of PROTOTYPE_NAMES) {
      const authorize = await t.call('POST', `/api/connections/${name}/authorize`, { token: ada.token, body: {} });
      expect(authorize.status, name).toBe(404);
      expect(authorize.json.error.message).toBe(`Weft has no provider called "${name}".`);
      expect((await t.call('POST', `/api/actions/${name}/create_issue`, { token: ada.token, body: { input: {} } })).status).toBe(404);
      expect((await t.call('GET', `/api/providers/${name}`, { token: ada.token })).status).toBe(404);
      const callback = await t.call('GET', `/oauth/${name}/callback?code=c&state=s`);
      expect(callback.status).toBe(303);
      expect(new URL(callback.headers.get('location')!, 'http://weft.test').searchParams.get('status')).toBe('error');
    }
  });

  it('a signed HubSpot event about a "constructor" object gets no record link made from Object.prototype', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    await connectAccount(t, ada.user, 'hubspot', { id: '62515', label: 'Portal 62515' });
    const body = JSON.stringify([{ eventId: 1, portalId: 62515, objectId: 123, subscriptionType: 'constructor.creation' }]);
    const res = await t.app.request('/hooks/hubspot', { method: 'POST', body, headers: hubspotHeaders(body) });
    expect(res.status).toBe(202);
    const [event] = (await t.call('GET', '/api/events', { token: ada.token })).json.events.filter((e: { provider: string }) => e.provider === 'hubspot');
    expect(event.summary).toMatchObject({ title: 'Constructor 123: created', url: null });
  });
});

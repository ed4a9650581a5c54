import { afterEach, expect, it } from 'vitest';
import { WEBHOOK_SECRETS } from '../../test/support/webhook-signing';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { countEvents } from '../testing/webhooks';

let t: TestApp | undefined;
afterEach(async () => t?.close());

// PostgreSQL's text cannot hold U+0000 and refuses a statement that writes or compares
// one; these requests used to be 500s there (found by intake.fuzz.test.ts). The store
// writes U+FFFD in its place on PostgreSQL.
forEachEngine('U+0000 in a webhook request', (engine) => {
  it('a body with U+0000 is refused with a 4xx and its refusal logged; an id with it in the URL is a 404; JSON escapes of it are kept exactly', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    const { id } = (await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Forms', signed: false } })).json;
    const post = (path: string, body: string, headers: Record<string, string> = {}) => t!.app.request(path, { method: 'POST', body, headers });

    expect((await post('/hooks/github', 'a\u0000b')).status).toBe(401);
    const refused = await post(`/hooks/custom/${id}`, '{"title":"a\u0000b"}');
    expect(refused.status).toBe(400);
    const [logged] = (await t.call('GET', '/api/deliveries?status=rejected', { token: ada.token })).json.deliveries;
    expect(logged.bodyPreview).toBe(engine === 'postgres' ? '{"title":"a\uFFFDb"}' : '{"title":"a\u0000b"}');
    expect((await post(`/hooks/custom/${id}%00`, '{}')).status).toBe(404);

    // An escaped U+0000 is valid JSON: stored as sent (the body is JSON text), read back as it parsed.
    const escaped = '{"title":"a\\u0000b"}';
    expect((await post(`/hooks/custom/${id}`, escaped, { 'idempotency-key': 'k1' })).status).toBe(202);
    expect((await post(`/hooks/custom/${id}`, escaped, { 'idempotency-key': 'k1' })).status).toBe(200);
    expect(await countEvents(t)).toBe(1);
    const [event] = (await t.call('GET', '/api/events', { token: ada.token })).json.events;
    expect(event.payload).toEqual({ title: 'a\u0000b' });
  });
});

import { afterEach, expect, it } from 'vitest';
import { githubHeaders, WEBHOOK_SECRETS } from '../../test/support/webhook-signing';
import { MAX_JSON_DEPTH } from '../lib/json-depth';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { connectAccount, countEvents, githubExample } from '../testing/webhooks';

let t: TestApp | undefined;
afterEach(async () => t?.close());

/** `{"title":"deep","x":[[[…]]]}`: about 12 KB at 5,000 levels, the body that used to take the server down. */
const deepBody = (depth: number) => `{"title":"deep","x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;

forEachEngine('JSON nesting is bounded at intake', (engine) => {
  it('a custom endpoint refuses a body nested 5,000 levels deep with a 400 that names the limit, and logs it as rejected', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const { id } = (await t.call('POST', '/api/webhooks', { token: ada.token, body: { name: 'Forms', signed: false } })).json;
    const body = deepBody(5000);
    expect(body.length).toBeGreaterThan(9_000);
    const res = await t.call('POST', `/hooks/custom/${id}`, { body });
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({ code: 'invalid_request', message: expect.stringContaining(`more than ${MAX_JSON_DEPTH} levels`) });
    expect(await countEvents(t)).toBe(0);
    const [logged] = (await t.call('GET', '/api/deliveries?status=rejected', { token: ada.token })).json.deliveries;
    expect(logged.reason).toContain(`${MAX_JSON_DEPTH} levels`);

    // The limit itself is accepted: the bound is exact, not approximate.
    expect((await t.call('POST', `/hooks/custom/${id}`, { body: deepBody(MAX_JSON_DEPTH) })).status).toBe(202);
    expect((await t.call('POST', `/hooks/custom/${id}`, { body: deepBody(MAX_JSON_DEPTH + 1) })).status).toBe(400);
    expect(await countEvents(t)).toBe(1);
  });

  it('a validly signed GitHub webhook nested too deep is a 400 too (signatures prove the sender, not the shape)', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    const payload = githubExample('issues', 'opened');
    await connectAccount(t, ada.user, 'github', { id: '1', label: 'Codertocat' });
    const body = JSON.stringify(payload).replace(/}$/, `,"deep":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const res = await t.app.request('/hooks/github', { method: 'POST', body, headers: githubHeaders(body, 'issues') });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(await countEvents(t)).toBe(0);
  });

  it('API bodies are bounded the same way', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const res = await t.call('POST', '/api/actions/github/create_issue', { token: ada.token, body: `{"input":${'['.repeat(20_000)}${']'.repeat(20_000)}}` });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain(`${MAX_JSON_DEPTH} levels`);
  });
});

import { afterEach, expect, it } from 'vitest';
import { githubHeaders, WEBHOOK_SECRETS } from '../../test/support/webhook-signing';
import { forEachEngine } from '../store/testing/engines';
import { createTestApp, type TestApp } from '../testing/test-app';
import { connectAccount, countEvents, githubExample } from '../testing/webhooks';

let t: TestApp | undefined;
afterEach(async () => t?.close());

const post = (t: TestApp, body: string, headers: Record<string, string>) => t.app.request('/hooks/github', { method: 'POST', body, headers });

forEachEngine('POST /hooks/github', (engine) => {
  it('accepts a signed issues.opened, routes it to the owner of the matching login, and answers only after it is stored', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    await connectAccount(t, ada.user, 'github', { id: '1', label: 'codertocat' });
    const body = JSON.stringify(githubExample('issues', 'opened'));
    const res = await post(t, body, githubHeaders(body, 'issues'));
    expect(res.status).toBe(202);
    expect(await countEvents(t, 'github.issues.opened')).toBe(1);
    const page = await t.call('GET', '/api/events?after=0', { token: ada.token });
    const event = page.json.events.find((e: { type: string }) => e.type === 'github.issues.opened');
    expect(event.summary).toMatchObject({ actor: 'Codertocat', title: expect.stringContaining('Issue opened in Codertocat/Hello-World: #1 Spelling error in the README file'), url: 'https://github.com/Codertocat/Hello-World/issues/1', subject: 'github:issue:Codertocat/Hello-World#1' });
  });

  it('a redelivery (same X-GitHub-Delivery) is a 200 and no second event', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    await connectAccount(t, ada.user, 'github', { id: '1', label: 'Codertocat' });
    const body = JSON.stringify(githubExample('issues', 'opened'));
    const headers = githubHeaders(body, 'issues', 'delivery-1');
    expect((await post(t, body, headers)).status).toBe(202);
    const again = await post(t, body, headers);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await countEvents(t)).toBe(1);
    const log = await t.call('GET', '/api/deliveries', { token: ada.token });
    expect(log.json.deliveries.map((d: { status: string }) => d.status)).toEqual(['duplicate', 'accepted']);
  });

  it('refuses bad, missing and wrongly-keyed signatures with 401 and writes no event', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    await connectAccount(t, ada.user, 'github', { id: '1', label: 'Codertocat' });
    const body = JSON.stringify(githubExample('issues', 'opened'));
    const good = githubHeaders(body, 'issues');
    const tampered = await post(t, body.replace('Spelling', 'Spelunking'), good);
    const missing = await post(t, body, { ...good, 'x-hub-signature-256': '' });
    const sha1 = await post(t, body, { ...good, 'x-hub-signature-256': 'sha1=0123' });
    for (const res of [tampered, missing, sha1]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error.code).toBe('invalid_signature');
    }
    expect(await countEvents(t)).toBe(0);
  });

  it('answers ping, and 400 for a signed body that is not JSON; neither writes an event', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ping = JSON.stringify(githubExample('ping'));
    const pong = await post(t, ping, githubHeaders(ping, 'ping'));
    expect(pong.status).toBe(200);
    expect(await pong.json()).toMatchObject({ ok: true });
    const broken = '{"action": "opened", ';
    const bad = await post(t, broken, githubHeaders(broken, 'issues'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('invalid_json');
    expect(await countEvents(t)).toBe(0);
  });

  it('keeps events that match no connection as "unrouted" deliveries', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const body = JSON.stringify(githubExample('issues', 'opened'));
    const res = await post(t, body, githubHeaders(body, 'issues'));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'unrouted', events: 0 });
    const row = await t.deps.db.selectFrom('deliveries').select(['status', 'body']).executeTakeFirstOrThrow();
    expect(row.status).toBe('unrouted');
    expect(row.body).toBe(body);
    expect(await countEvents(t)).toBe(0);
  });

  it('refuses bodies over 1 MiB with 413 and no event', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const body = JSON.stringify({ filler: 'x'.repeat(1024 * 1024) });
    const res = await post(t, body, githubHeaders(body, 'issues'));
    expect(res.status).toBe(413);
    expect(await countEvents(t)).toBe(0);
  });

  it('answers 503 naming the variable when no webhook secret is configured, and writes nothing', async () => {
    t = await createTestApp({}, { engine });
    const body = JSON.stringify(githubExample('issues', 'opened'));
    const res = await post(t, body, githubHeaders(body, 'issues'));
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.message).toMatch(/WEFT_GITHUB_WEBHOOK_SECRET/);
    expect(await t.deps.db.selectFrom('deliveries').select('id').execute()).toEqual([]);
  });

  it('delivers one event per owning workspace, and each user sees only their own', async () => {
    t = await createTestApp(WEBHOOK_SECRETS, { engine });
    const ada = await t.signUp();
    const bob = await t.signUp();
    const eve = await t.signUp();
    await connectAccount(t, ada.user, 'github', { id: '1', label: 'Codertocat' });
    await connectAccount(t, bob.user, 'github', { id: '1', label: 'Codertocat' });
    const body = JSON.stringify(githubExample('issues', 'opened'));
    await post(t, body, githubHeaders(body, 'issues'));
    const seen = async (token: string) => (await t!.call('GET', '/api/events?after=0', { token })).json.events.filter((e: { type: string }) => e.type.startsWith('github.'));
    expect(await seen(ada.token)).toHaveLength(1);
    expect(await seen(bob.token)).toHaveLength(1);
    expect(await seen(eve.token)).toHaveLength(0);
    expect((await t.call('GET', '/api/deliveries', { token: eve.token })).json.deliveries).toEqual([]);
  });
});

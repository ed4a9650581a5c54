import { afterEach, expect, it } from 'vitest';
import { signStandardWebhook } from '../../hooks/standard-webhooks';
import { MAX_JSON_DEPTH } from '../../lib/json-depth';
import type { Engine } from '../../store/engine';
import { forEachEngine } from '../../store/testing/engines';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { rotateSigningSecret } from '../steps/signing-secrets';
import { insertTestInstance } from '../steps/test-instance';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** An instance with three flows: `inbound` (webhook), `signed` (signed webhook), `manual`. */
async function setup(engine: Engine) {
  t = await createTestApp({}, { engine });
  const { user, token } = await t.signUp();
  const instance = await insertTestInstance(t.deps, user, {
    weft: 'integration/v1', name: 'Hooks',
    flows: [
      { id: 'inbound', name: 'Inbound', trigger: { type: 'webhook' }, steps: [] },
      { id: 'signed', name: 'Signed', trigger: { type: 'webhook', signed: true }, steps: [] },
      { id: 'manual', name: 'Manual', trigger: { type: 'manual' }, steps: [] },
    ],
  });
  const url = (flowId: string, token = instance.webhookToken) => `/hooks/flows/${token}/${flowId}`;
  return { t, user, token, instance, url };
}

const runs = (app: TestApp) => app.deps.db.selectFrom('flow_runs').select(['id', 'flow_id', 'trigger_type', 'trigger', 'dedupe_key']).execute();

/** Standard Webhooks headers for `body`, signed now with `secret`. */
function signed(secret: string, body: string, id = 'msg_1') {
  const timestamp = Math.floor(Date.now() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook({ secret, id, timestamp, body }) };
}

forEachEngine('the webhook trigger', (engine) => {
  it('a JSON body starts a run whose trigger is that body; the sender\'s retry (same webhook-id) gets the same run', async () => {
    const { t, url } = await setup(engine);
    const body = { ticket: 42, title: 'Printer on fire' };
    const first = await t.call('POST', url('inbound'), { body, headers: { 'webhook-id': 'evt_1' } });
    expect(first.status).toBe(202);
    const stored = await runs(t);
    expect(stored).toEqual([{ id: first.json.run, flow_id: 'inbound', trigger_type: 'webhook', trigger: JSON.stringify(body), dedupe_key: 'webhook:evt_1' }]);
    const again = await t.call('POST', url('inbound'), { body, headers: { 'webhook-id': 'evt_1' } });
    expect(again).toMatchObject({ status: 200, json: { duplicate: true, run: first.json.run } });
    expect(await runs(t)).toHaveLength(1);
    // Without a webhook-id every request is its own run.
    await t.call('POST', url('inbound'), { body });
    await t.call('POST', url('inbound'), { body });
    expect(await runs(t)).toHaveLength(3);
  });

  it('an unknown token, an unknown flow and a flow without a webhook trigger all get the same 404', async () => {
    const { t, url } = await setup(engine);
    const answers = await Promise.all([url('inbound', 'fwh_nope'), url('nope'), url('manual')].map((path) => t.call('POST', path, { body: {} })));
    for (const a of answers) expect(a).toMatchObject({ status: 404, json: answers[0]!.json });
    expect(answers[0]!.json.error.message).toBe('No flow takes webhooks at this URL. Copy the URL again from the instance in Weft.');
    expect(await runs(t)).toEqual([]);
  });

  it('a disabled instance answers 409 and stores nothing', async () => {
    const { t, url, instance } = await setup(engine);
    await t.deps.db.updateTable('flow_instances').set({ status: 'disabled' }).where('id', '=', instance.row.id).execute();
    const res = await t.call('POST', url('inbound'), { body: { a: 1 } });
    expect(res).toMatchObject({ status: 409, json: { error: { code: 'conflict', message: 'This flow\'s instance is disabled: it takes no webhooks until it is enabled again in Weft. Nothing was stored.' } } });
    expect(await runs(t)).toEqual([]);
  });

  it('signed: true takes only bodies signed with the instance\'s secret (the old one too, during a rotation)', async () => {
    const { t, url, instance, token } = await setup(engine);
    const body = '{"deal":"won"}';
    expect((await t.call('POST', url('signed'), { body })).json.error).toMatchObject({ code: 'invalid_signature', message: expect.stringContaining('webhook-signature is missing') });
    const forged = await t.call('POST', url('signed'), { body, headers: signed('whsec_' + Buffer.from('not the secret at all!!').toString('base64'), body) });
    expect(forged).toMatchObject({ status: 401, json: { error: { code: 'invalid_signature', message: expect.stringContaining("the instance's signing secret") } } });
    const tampered = await t.call('POST', url('signed'), { body: '{"deal":"lost"}', headers: signed(instance.secret, body) });
    expect(tampered.status).toBe(401);
    expect(await runs(t)).toEqual([]);

    expect((await t.call('POST', url('signed'), { body, headers: signed(instance.secret, body, 'msg_a') })).status).toBe(202);
    const rotated = (await rotateSigningSecret(t.deps.store, t.deps.vault, instance.row.id))!;
    expect((await t.call('POST', url('signed'), { body, headers: signed(instance.secret, body, 'msg_b') })).status).toBe(202);
    expect((await t.call('POST', url('signed'), { body, headers: signed(rotated.secret, body, 'msg_c') })).status).toBe(202);
    expect((await runs(t)).map((r) => r.dedupe_key).sort()).toEqual(['webhook:msg_a', 'webhook:msg_b', 'webhook:msg_c']);
    // Refusals land in the owner's delivery log, like a custom endpoint's.
    const log = await t.call('GET', '/api/deliveries', { token });
    expect(log.json.deliveries.map((d: { provider: string; status: string }) => `${d.provider} ${d.status}`)).toEqual(['flow rejected', 'flow rejected', 'flow rejected']);
  });

  it('bodies that are not JSON, nest too deep or are over 1 MiB are refused with 4xx and start nothing', async () => {
    const { t, url } = await setup(engine);
    expect((await t.call('POST', url('inbound'), { body: 'not json' })).json.error.code).toBe('invalid_json');
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    const tooDeep = await t.call('POST', url('inbound'), { body: deep });
    expect(tooDeep).toMatchObject({ status: 400, json: { error: { code: 'invalid_request', message: expect.stringContaining(`more than ${MAX_JSON_DEPTH} levels deep`) } } });
    const huge = await t.call('POST', url('inbound'), { body: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(await runs(t)).toEqual([]);
  });
});

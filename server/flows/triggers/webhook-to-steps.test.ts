import { Webhook } from 'standardwebhooks';
import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { forEachEngine } from '../../store/testing/engines';
import { flowsTestApp, type FlowsTestApp } from '../runner/testing';
import { newSealedSigningSecret } from '../steps/signing-secrets';
import { startTestServer } from '../steps/test-server';

/** An order arrives by webhook: the http step looks the customer up, the webhook step tells the shop's backend. */
const orders = (api: string): IntegrationDocument => ({
  weft: 'integration/v1',
  name: 'Orders',
  flows: [{
    id: 'order',
    name: 'Order received',
    trigger: { type: 'webhook', if: 'trigger.kind == "order"' },
    steps: [
      { id: 'customer', http: { method: 'GET', url: `${api}/customers/{{trigger.customer}}` } },
      { id: 'tell', webhook: { url: `${api}/backend`, body: { order: '{{trigger.id}}', customer: '{{steps.customer.body.name}}' } } },
    ],
  }],
});

forEachEngine('a webhook trigger through http and webhook steps', (engine) => {
  let t: FlowsTestApp;
  let api: Awaited<ReturnType<typeof startTestServer>> | undefined;
  afterEach(async () => {
    await t?.close();
    await api?.close();
  });

  it('the run fetches, then sends a signed webhook; a body the trigger\'s if rejects leaves a filtered record', async () => {
    api = await startTestServer((req, res) => {
      if (req.url === '/customers/c-9') res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"Ada"}');
      else if (req.url === '/backend') res.writeHead(204).end();
      else res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"No such customer"}');
    });
    t = await flowsTestApp(engine, { env: { WEFT_ALLOW_PRIVATE_HTTP: '1' } });
    const instanceId = await t.deploy(orders(api.url));
    const { secret, sealed } = newSealedSigningSecret(t.deps.vault, instanceId);
    await t.deps.db.updateTable('flow_instances').set({ signing_secret: sealed }).where('id', '=', instanceId).execute();
    const { webhook_token } = await t.deps.db.selectFrom('flow_instances').select('webhook_token').where('id', '=', instanceId).executeTakeFirstOrThrow();
    const hook = `/hooks/flows/${webhook_token}/order`;

    const accepted = await t.call('POST', hook, { body: { kind: 'order', id: 'o-1', customer: 'c-9' }, headers: { 'webhook-id': 'evt-1' } });
    expect(accepted.status).toBe(202);
    const [run] = await t.finishedRuns(instanceId);
    expect(run).toMatchObject({ id: accepted.json.run, status: 'succeeded', trigger_type: 'webhook' });
    const steps = await t.steps(run!.id);
    expect(steps.map((s) => [s.step_key, s.status])).toEqual([['customer', 'succeeded'], ['tell', 'succeeded']]);
    expect(JSON.parse(steps[0]!.output!)).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: { name: 'Ada' } });
    expect(JSON.parse(steps[1]!.output!)).toMatchObject({ status: 'delivered', responseStatus: 204, attempts: 1 });
    const delivered = api.seen.find((r) => r.url === '/backend')!;
    expect(JSON.parse(delivered.body)).toEqual({ order: 'o-1', customer: 'Ada' });
    expect(new Webhook(secret).verify(delivered.body, delivered.headers as Record<string, string>)).toEqual({ order: 'o-1', customer: 'Ada' });
    expect(delivered.headers['webhook-id']).toBe(JSON.parse(steps[1]!.output!).webhookId);

    const skipped = await t.call('POST', hook, { body: { kind: 'refund', id: 'r-1' } });
    expect(skipped).toMatchObject({ status: 202, json: { filtered: 'filtered: `trigger.kind == "order"` was false' } });
    expect(await t.deps.db.selectFrom('flow_filtered').select(['flow_id', 'trigger_type', 'reason']).execute()).toEqual([
      { flow_id: 'order', trigger_type: 'webhook', reason: 'filtered: `trigger.kind == "order"` was false' },
    ]);
  });

  it('an http step answered 404 fails the run with the server\'s words, and the webhook step never runs', async () => {
    api = await startTestServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"No such customer"}'));
    t = await flowsTestApp(engine, { env: { WEFT_ALLOW_PRIVATE_HTTP: '1' } });
    const instanceId = await t.deploy(orders(api.url));
    const { webhook_token } = await t.deps.db.selectFrom('flow_instances').select('webhook_token').where('id', '=', instanceId).executeTakeFirstOrThrow();
    expect((await t.call('POST', `/hooks/flows/${webhook_token}/order`, { body: { kind: 'order', id: 'o-2', customer: 'c-404' } })).status).toBe(202);
    const [run] = await t.finishedRuns(instanceId);
    expect(run!.status).toBe('failed');
    const steps = await t.steps(run!.id);
    expect(steps.map((s) => [s.step_key, s.status, s.attempts])).toEqual([['customer', 'failed', 1]]);
    expect(steps[0]!.error).toBe(`127.0.0.1:${api.port} answered 404: No such customer.`);
    expect(api.seen.map((r) => r.url)).toEqual(['/customers/c-404']);
  });
});

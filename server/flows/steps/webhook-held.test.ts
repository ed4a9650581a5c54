import type { ServerResponse } from 'node:http';
import { expect, it, onTestFinished, vi } from 'vitest';
import { serverTasks } from '../../jobs/server-jobs';
import type { Engine } from '../../store/engine';
import { forEachEngine } from '../../store/testing/engines';
import { createTestApp, type TestApp } from '../../testing/test-app';
import type { LeafStepContext } from '../runner/step-kinds';
import { insertTestInstance, webhookStepFlow } from './test-instance';
import { startTestServer, type SeenRequest } from './test-server';
import { runDeliveryJob } from './webhook-attempt';
import { RETRY_WINDOW_MS } from './webhook-retry';
import { createWebhookStep, type WebhookOutput } from './webhook-step';

// An outbound webhook waiting for its next try (up to 3 days) belongs to its instance:
// disabled, the instance's webhooks are held and go on once it is enabled again; deleted,
// they are dropped with it.

const flow = webhookStepFlow;

/** An instance whose webhook step ran against a receiver answering 503: its message waits for its next try. */
async function retrying(engine: Engine) {
  const t = await createTestApp({ WEFT_ALLOW_PRIVATE_HTTP: '1' }, { engine });
  onTestFinished(() => t.close());
  const { token, user } = await t.signUp();
  const instance = await insertTestInstance(t.deps, user, flow);
  let status = 503;
  const server = await startTestServer((_req: SeenRequest, res: ServerResponse) => void res.writeHead(status).end());
  onTestFinished(() => server.close());
  const ctx = {
    deps: t.deps, runId: 'run_1', stepKey: 'hook', idempotencyKey: 'run_1:hook', attempt: 1, signal: new AbortController().signal,
    input: { url: `${server.url}/in`, body: { n: 1 } }, step: flow.flows[0]!.steps[0]!, instance: instance.row, owner: { ...user, email: 'x' }, config: {},
    begin: (writes: never) => t.deps.store.transaction(writes), onSuccess: () => {},
  } as unknown as LeafStepContext;
  const out = (await createWebhookStep()(ctx)) as WebhookOutput;
  expect(out.status).toBe('retrying');
  const app = t;
  return {
    app, server, out, token, instanceId: instance.row.id, due: Date.parse(out.nextAttemptAt!),
    receiverUp: () => void (status = 200),
    row: () => app.deps.db.selectFrom('flow_webhook_deliveries').selectAll().where('id', '=', out.webhookId).executeTakeFirst(),
    patch: (body: unknown) => app.call('PATCH', `/api/instances/${instance.row.id}`, { token, body }),
  };
}

forEachEngine('outbound webhooks of a disabled or deleted instance', (engine) => {
  it('disabled: a due retry is held, not sent, for as long as it stays disabled; enabled again, it is sent (same webhook-id), once', async () => {
    const s = await retrying(engine);
    expect((await s.patch({ enabled: false })).json.instance.status).toBe('disabled');
    s.receiverUp();

    // The job at the due time, and one past the 3-day window: nothing sent, nothing dead-lettered.
    await runDeliveryJob(s.app.deps, s.out.webhookId, { nowMs: s.due });
    await runDeliveryJob(s.app.deps, s.out.webhookId, { nowMs: s.due + RETRY_WINDOW_MS + 60_000 });
    expect(s.server.seen).toHaveLength(1);
    expect(await s.row()).toMatchObject({ status: 'pending', attempts: 1 });

    expect((await s.patch({ enabled: true })).json.instance.status).toBe('active');
    // The resumed try is the server's own job, due now.
    const runner = s.app.deps.jobs.runner({ tasks: serverTasks(s.app.deps) });
    try {
      await runner.poll();
      await vi.waitFor(async () => expect((await s.row())?.status).toBe('delivered'), { timeout: 5_000, interval: 20 });
    } finally {
      await runner.stop();
    }
    expect(await s.row()).toMatchObject({ status: 'delivered', attempts: 2, last_status: 200 });
    expect(s.server.seen.map((r) => r.headers['webhook-id'])).toEqual([s.out.webhookId, s.out.webhookId]);
  });

  it('deleted: its waiting webhooks are dropped with it, and the job that comes due sends nothing', async () => {
    const s = await retrying(engine);
    expect((await s.app.call('DELETE', `/api/instances/${s.instanceId}`, { token: s.token })).status).toBe(200);
    s.receiverUp();
    expect(await s.row()).toBeUndefined();
    await runDeliveryJob(s.app.deps, s.out.webhookId, { nowMs: s.due });
    expect(s.server.seen).toHaveLength(1);
  });
});

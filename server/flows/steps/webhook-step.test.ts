import type { ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterEach, expect, it, vi } from 'vitest';
import { verifyStandardWebhook } from '../../hooks/standard-webhooks';
import { serverTasks } from '../../jobs/server-jobs';
import { forEachEngine } from '../../store/testing/engines';
import type { Engine } from '../../store/engine';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { StepError } from '../runner/step-error';
import type { LeafStepContext } from '../runner/step-kinds';
import { ROTATION_OVERLAP_MS, signingSecrets } from './signing-secrets';
import { insertTestInstance, webhookStepFlow } from './test-instance';
import { startTestServer, type SeenRequest } from './test-server';
import { runDeliveryJob } from './webhook-attempt';
import { addDelivery, CLAIM_MS, deliveryId } from './webhook-outbox';
import { RETRY_CAP_MS, RETRY_WINDOW_MS } from './webhook-retry';
import { createWebhookStep, type WebhookOutput } from './webhook-step';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
let t: TestApp | undefined;
afterEach(async () => {
  await server?.close();
  await t?.close();
  server = t = undefined;
});

const flow = webhookStepFlow;

/** A test app (private addresses allowed unless `strict`), a user, one instance, and a receiver answering `status()`. */
async function setup(engine: Engine, status: () => number, options: { strict?: boolean } = {}) {
  t = await createTestApp(options.strict ? {} : { WEFT_ALLOW_PRIVATE_HTTP: '1' }, { engine });
  const { token, user } = await t.signUp();
  const instance = await insertTestInstance(t.deps, user, flow);
  server = await startTestServer((_req: SeenRequest, res: ServerResponse) => {
    const code = status();
    res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(code < 300 ? { ok: true } : { message: `no (${code})` }));
  });
  const ctx = (runId = 'run_1', body: unknown = { hello: 'world', n: 1 }): LeafStepContext => ({
    deps: t!.deps, runId, stepKey: 'hook', idempotencyKey: `${runId}:hook`, attempt: 1, signal: new AbortController().signal,
    input: { url: `${server!.url}/in`, body }, step: flow.flows[0]!.steps[0]! as LeafStepContext['step'], instance: instance.row, owner: { ...user, email: 'x' }, config: {},
    begin: (writes) => t!.deps.store.transaction(writes), onSuccess: () => {},
  });
  return { t, token, user, instance, server, ctx };
}

const row = (id: string) => t!.deps.db.selectFrom('flow_webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

forEachEngine('the outbound webhook step', (engine) => {
  it('sends the body signed per Standard Webhooks; a second run of the step sends nothing more', async () => {
    const s = await setup(engine, () => 200);
    const step = createWebhookStep();
    const out = (await step(s.ctx())) as WebhookOutput;
    expect(out).toEqual({ webhookId: deliveryId('run_1:hook'), status: 'delivered', attempts: 1, responseStatus: 200 });
    const got = s.server.seen[0]!;
    expect(got.body).toBe('{"hello":"world","n":1}');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['webhook-id']).toBe(out.webhookId);
    // The reference implementation and Weft's own verifier both accept it.
    const headers = { 'webhook-id': got.headers['webhook-id'] as string, 'webhook-timestamp': got.headers['webhook-timestamp'] as string, 'webhook-signature': got.headers['webhook-signature'] as string };
    expect(new Webhook(s.instance.secret).verify(got.body, headers)).toEqual({ hello: 'world', n: 1 });
    expect(verifyStandardWebhook({ secret: s.instance.secret, rawBody: got.body, nowMs: Date.now(), headers: { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'] } })).toEqual({ ok: true });

    expect(await step(s.ctx())).toEqual(out);
    expect(s.server.seen).toHaveLength(1);
  });

  it('after a rotation it signs with the new and the old secret for 24 hours; the secret is shown once, to its owner only', async () => {
    const s = await setup(engine, () => 200);
    const other = await s.t.signUp();
    expect((await s.t.call('POST', `/api/instances/${s.instance.row.id}/signing-secret/rotate`, { token: other.token })).status).toBe(404);
    const rotated = await s.t.call('POST', `/api/instances/${s.instance.row.id}/signing-secret/rotate`, { token: s.token });
    expect(rotated.status).toBe(200);
    const fresh = rotated.json.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(s.instance.secret);
    expect(Date.parse(rotated.json.previousValidUntil) - Date.now()).toBeGreaterThan(ROTATION_OVERLAP_MS - 60_000);

    await createWebhookStep()(s.ctx());
    const got = s.server.seen[0]!;
    const signatures = (got.headers['webhook-signature'] as string).split(' ');
    expect(signatures).toHaveLength(2);
    const headers = { 'webhook-id': got.headers['webhook-id'] as string, 'webhook-timestamp': got.headers['webhook-timestamp'] as string };
    for (const secret of [fresh, s.instance.secret]) {
      expect(new Webhook(secret).verify(got.body, { ...headers, 'webhook-signature': got.headers['webhook-signature'] as string })).toEqual(JSON.parse(got.body));
    }
    expect(() => new Webhook(fresh).verify(got.body, { ...headers, 'webhook-signature': signatures[1]! })).toThrow();

    const instance = await s.t.deps.db.selectFrom('flow_instances').selectAll().where('id', '=', s.instance.row.id).executeTakeFirstOrThrow();
    expect(signingSecrets(s.t.deps.vault, instance)).toEqual([fresh, s.instance.secret]);
    expect(signingSecrets(s.t.deps.vault, instance, Date.now() + ROTATION_OVERLAP_MS + 1)).toEqual([fresh]);
    expect(s.t.logLines.join('\n')).not.toContain(fresh);
  });

  it('a receiver that is down does not hold the run: the step says retrying, the next try (same webhook-id) delivers', async () => {
    let answer = 503;
    const s = await setup(engine, () => answer);
    const out = (await createWebhookStep()(s.ctx())) as WebhookOutput;
    expect(out).toMatchObject({ status: 'retrying', attempts: 1, responseStatus: 503, lastError: expect.stringContaining('answered 503: no (503)') });
    const due = Date.parse(out.nextAttemptAt!);
    expect(due - Date.now()).toBeGreaterThan(14_000);
    expect(due - Date.now()).toBeLessThan(31_000);
    // The job that woke too early leaves it alone; the one at the due time tries.
    await runDeliveryJob(s.t.deps, out.webhookId, { nowMs: due - 1000 });
    expect(s.server.seen).toHaveLength(1);
    answer = 200;
    await runDeliveryJob(s.t.deps, out.webhookId, { nowMs: due });
    expect(await row(out.webhookId)).toMatchObject({ status: 'delivered', attempts: 2, last_status: 200 });
    expect(s.server.seen.map((r) => r.headers['webhook-id'])).toEqual([out.webhookId, out.webhookId]);
  });

  it('retries with growing waits for 3 days, then dead-letters; the list shows it and a replay delivers it once', async () => {
    let answer = 500;
    const s = await setup(engine, () => answer);
    const out = (await createWebhookStep()(s.ctx())) as WebhookOutput;
    let current = await row(out.webhookId);
    const first = current.first_attempt_ms;
    const waits: number[] = [];
    let previous = first;
    while (current.status === 'pending') {
      waits.push(current.next_attempt_ms - previous);
      previous = current.next_attempt_ms;
      await runDeliveryJob(s.t.deps, out.webhookId, { nowMs: current.next_attempt_ms });
      current = await row(out.webhookId);
    }
    expect(current.status).toBe('dead');
    const lastTry = previous;
    expect(lastTry - first).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(lastTry - first).toBeGreaterThan(RETRY_WINDOW_MS - RETRY_CAP_MS);
    expect(Math.max(...waits)).toBeLessThanOrEqual(RETRY_CAP_MS);
    expect(waits[1]!).toBeGreaterThan(waits[0]! / 2);
    expect(s.server.seen).toHaveLength(current.attempts);
    expect(new Set(s.server.seen.map((r) => r.headers['webhook-id']))).toEqual(new Set([out.webhookId]));

    const dead = await s.t.call('GET', `/api/instances/${s.instance.row.id}/webhooks/dead`, { token: s.token });
    expect(dead.json.webhooks).toEqual([expect.objectContaining({ id: out.webhookId, runId: 'run_1', stepKey: 'hook', status: 'dead', lastStatus: 500, bodyBytes: 23 })]);
    const other = await s.t.signUp();
    expect((await s.t.call('GET', `/api/instances/${s.instance.row.id}/webhooks/dead`, { token: other.token })).status).toBe(404);
    expect((await s.t.call('POST', `/api/instances/${s.instance.row.id}/webhooks/${out.webhookId}/replay`, { token: other.token })).status).toBe(404);

    answer = 200;
    const replayed = await s.t.call('POST', `/api/instances/${s.instance.row.id}/webhooks/${out.webhookId}/replay`, { token: s.token });
    expect(replayed.status).toBe(202);
    expect(replayed.json.webhook).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await s.t.call('POST', `/api/instances/${s.instance.row.id}/webhooks/${out.webhookId}/replay`, { token: s.token })).status).toBe(404);
    // The replay's job, through the server's own task table and job runner.
    const runner = s.t.deps.jobs.runner({ tasks: serverTasks(s.t.deps) });
    try {
      await runner.poll();
      await vi.waitFor(async () => expect((await row(out.webhookId)).status).toBe('delivered'), { timeout: 5_000, interval: 20 });
    } finally {
      await runner.stop();
    }
    expect(s.server.seen.at(-1)!.headers['webhook-id']).toBe(out.webhookId);
    expect((await s.t.call('GET', `/api/instances/${s.instance.row.id}/webhooks/dead`, { token: s.token })).json.webhooks).toEqual([]);
  });

  it('a receiver that refuses (404) fails the step with its words and dead-letters at once; re-running the step sends again', async () => {
    let answer = 404;
    const s = await setup(engine, () => answer);
    const error = await createWebhookStep()(s.ctx()).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('answered 404: no (404).') });
    expect((await row(deliveryId('run_1:hook'))).status).toBe('dead');
    answer = 200;
    expect(await createWebhookStep()(s.ctx())).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(s.server.seen).toHaveLength(2);
  });

  it('a private receiver is refused without WEFT_ALLOW_PRIVATE_HTTP, and nothing is sent', async () => {
    const s = await setup(engine, () => 200, { strict: true });
    const error = await createWebhookStep()(s.ctx()).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('private, loopback or link-local') });
    expect(s.server.seen).toHaveLength(0);
  });

  it('a server that died before the first try: the safety-net job sends it once the claim runs out', async () => {
    const s = await setup(engine, () => 200);
    const id = deliveryId('run_9:hook');
    const now = Date.now();
    await addDelivery(s.t.deps, { id, workspaceId: s.user.workspaceId, instanceId: s.instance.row.id, runId: 'run_9', stepKey: 'hook', url: `${s.server.url}/in`, body: '{}' }, now);
    // Crashed mid-try: the try had claimed the row.
    await s.t.deps.db.updateTable('flow_webhook_deliveries').set({ next_attempt_ms: now + CLAIM_MS }).where('id', '=', id).execute();
    await runDeliveryJob(s.t.deps, id, { nowMs: now + CLAIM_MS });
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(s.server.seen).toHaveLength(1);
  });

  it('a body over 256 KB is refused before anything is written or sent', async () => {
    const s = await setup(engine, () => 200);
    const error = await createWebhookStep()(s.ctx('run_1', { text: 'x'.repeat(300_000) })).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('at most 256 KB') });
    expect(await s.t.deps.db.selectFrom('flow_webhook_deliveries').selectAll().execute()).toEqual([]);
  });
});

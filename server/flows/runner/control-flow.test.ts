import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { forEachEngine } from '../../store/testing/engines';
import { fireTrigger } from './fire-trigger';
import { flowsTestApp, manualFlow, slackPost, type FlowsTestApp } from './testing';

forEachEngine('flow control', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  const start = async (doc: IntegrationDocument, data: unknown = {}) => {
    const instanceId = await t.deploy(doc, { slack: await t.connectionOf('slack') });
    const fired = await fireTrigger(t.deps, { instanceId, flowId: 'go', triggerType: 'manual', data });
    if (!('runId' in fired)) throw new Error(`not started: ${JSON.stringify(fired)}`);
    return { instanceId, runId: fired.runId };
  };
  const texts = () => t.slack.listMessages('C0WEFTENG01').map((m) => m.text);

  it('runs if, branch and forEach: skipped steps say why, loop steps are keyed by item, later steps see earlier outputs', async () => {
    t = await flowsTestApp(engine);
    const { instanceId, runId } = await start(manualFlow([
      slackPost('never', 'not sent', { if: 'trigger.send == false' }),
      { id: 'route', branch: [{ if: 'trigger.level == "high"', steps: [slackPost('loud', 'LOUD')] }, { steps: [slackPost('quiet', 'quiet')] }] },
      { id: 'each', forEach: { items: 'trigger.names', steps: [slackPost('hello', 'Hello {{item}} ({{index}}) after {{steps.quiet.channel}}')] } },
    ]), { send: true, level: 'low', names: ['Ada', 'Grace'] });
    const [run] = await t.finishedRuns(instanceId);
    expect(run).toMatchObject({ id: runId, status: 'succeeded' });
    const rows = await t.steps(runId);
    expect(rows.map((r) => [r.step_key, r.status])).toEqual([
      ['never', 'skipped'], ['route', 'succeeded'], ['quiet', 'succeeded'], ['each', 'succeeded'], ['hello[0]', 'succeeded'], ['hello[1]', 'succeeded'],
    ]);
    expect(rows[0]!.error).toBe('filtered: `trigger.send == false` was false');
    expect(texts().filter((m) => m.startsWith('Hello') || m === 'quiet' || m === 'LOUD' || m === 'not sent')).toEqual([
      'quiet', 'Hello Ada (0) after C0WEFTENG01', 'Hello Grace (1) after C0WEFTENG01',
    ]);
  });

  it('a delay makes the run wait, then carries on', async () => {
    t = await flowsTestApp(engine);
    const { instanceId, runId } = await start(manualFlow([{ id: 'pause', delay: '600ms' }, slackPost('after', 'after the pause')]));
    await t.waitFor('the run to wait', async () => (await t.runs(instanceId))[0]?.status === 'waiting');
    expect((await t.steps(runId)).map((r) => [r.step_key, r.status])).toEqual([['pause', 'waiting']]);
    const [run] = await t.finishedRuns(instanceId);
    expect(run!.status).toBe('succeeded');
    const [pause, after] = await t.steps(runId);
    expect(Date.parse(after!.started_at!) - Date.parse(pause!.started_at!)).toBeGreaterThanOrEqual(600);
    expect(texts()).toContain('after the pause');
  });

  it('5xx answers are retried with the step\'s backoff until one goes through: one message, the attempts on record', async () => {
    let failing = 5;
    t = await flowsTestApp(engine, {
      wrapFetch: (f) => async (input, init) => {
        if (String(input).endsWith('/api/chat.postMessage') && failing > 0) {
          failing--;
          return Response.json({ ok: false, error: 'internal_error' }, { status: 503 });
        }
        return f(input, init);
      },
    });
    const { instanceId, runId } = await start(manualFlow([slackPost('notify', 'through at last', { retry: { attempts: 3, backoff: 'fixed', delayMs: 50 } })]));
    const [run] = await t.finishedRuns(instanceId, 1, 30_000);
    expect(run!.status).toBe('succeeded');
    const [step] = await t.steps(runId);
    // The executor tries 4 times per attempt: 4 failures, then 1 failure and a success.
    expect(step).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(texts().filter((m) => m === 'through at last')).toHaveLength(1);
  });

  it('a 429 whose Retry-After is longer than the executor waits becomes the step\'s wait before its next attempt', async () => {
    t = await flowsTestApp(engine, {
      wrapFetch: (f) => async (input, init) => (String(input).endsWith('/api/chat.postMessage')
        ? Response.json({ ok: false, error: 'ratelimited' }, { status: 429, headers: { 'retry-after': '45' } })
        : f(input, init)),
    });
    const { runId } = await start(manualFlow([slackPost('notify', 'later')]));
    const step = await t.waitFor('the first attempt', async () => (await t.steps(runId)).find((r) => r.error !== null));
    expect(step).toMatchObject({ status: 'running', attempts: 1 });
    expect(step.error).toMatch(/rate limiting.*\(attempt 1; next in 45 s\)$/);
  });

  it('a 429 with a short Retry-After is waited out, then sent once', async () => {
    t = await flowsTestApp(engine);
    t.slack.failNext('/api/chat.postMessage', 429, 1);
    const { instanceId, runId } = await start(manualFlow([slackPost('notify', 'after the wait')]));
    const [run] = await t.finishedRuns(instanceId);
    expect(run!.status).toBe('succeeded');
    const posts = t.slack.stats.requests.filter((r) => r.path === '/api/chat.postMessage');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(texts().filter((m) => m === 'after the wait')).toHaveLength(1);
    expect((await t.steps(runId))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('a failed run posts the instance\'s Slack alert once', async () => {
    t = await flowsTestApp(engine);
    const slack = await t.connectionOf('slack');
    const instanceId = await t.deploy(manualFlow([{ ...slackPost('notify', 'x'), input: { channel: 'C0NOSUCH01', text: 'x' } }]), { slack }, { failureAlert: { connection: 'slack', channel: 'C0WEFTGEN01' } });
    const fired = await fireTrigger(t.deps, { instanceId, flowId: 'go', triggerType: 'manual', data: {} });
    const [run] = await t.finishedRuns(instanceId);
    expect(run!.status).toBe('failed');
    const alert = await t.waitFor('the alert', async () => {
      const posted = t.slack.listMessages('C0WEFTGEN01').filter((m) => m.text.includes('failed'));
      return posted.length > 0 && posted;
    });
    // The failure's event is written by the same job before the alert: both are done now.
    await t.waitFor('the failure event', () => t.deps.db.selectFrom('events').select('id').where('type', '=', 'flow.run_failed').executeTakeFirst());
    expect(alert).toHaveLength(1);
    expect(alert[0]!.text).toBe(`Weft flow “Go” (Test) failed: Slack refused: channel not found\nRun ${'runId' in fired ? fired.runId : ''}`);
  });
});

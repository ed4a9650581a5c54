import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import type { FilteredFiring } from '../../../shared/protocol/flow-runs';
import { forEachEngine } from '../../store/testing/engines';
import { MAX_CHAIN_DEPTH, originOf } from './loop-guard';
import { flowsTestApp, type FlowsTestApp } from './testing';

const slackVar = { key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' } as const;

/** Posts to Slack whenever an action completes: its own post completes an action too. */
const echo: IntegrationDocument = {
  weft: 'integration/v1',
  name: 'Echo actions',
  configVars: [slackVar],
  flows: [{
    id: 'echo',
    name: 'Echo every action',
    trigger: { type: 'event', event: 'action.completed' },
    steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: 'C0WEFTENG01', text: 'An action completed: {{trigger.action}}' } }],
  }],
};

/**
 * Two flows that start each other: `ping` answers a person's action and every `pong`,
 * `pong` answers every `ping`. Nothing in them ends the chain.
 */
const pingPong: IntegrationDocument = {
  weft: 'integration/v1',
  name: 'Ping pong',
  configVars: [slackVar],
  flows: [
    {
      id: 'ping',
      name: 'Ping',
      trigger: { type: 'event', event: 'action.completed', if: '!has(trigger.origin) || trigger.origin.flowId == "pong"' },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: 'C0WEFTENG01', text: 'ping' } }],
    },
    {
      id: 'pong',
      name: 'Pong',
      trigger: { type: 'event', event: 'action.completed', if: 'has(trigger.origin) && trigger.origin.flowId == "ping"' },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: 'C0WEFTENG01', text: 'pong' } }],
    },
  ],
};

it('an event from a webhook cannot claim a flow origin to stop a flow: only the events Weft makes itself carry one', () => {
  const claimed = { type: 'custom.end_1', payload: { action: 'x', origin: { runId: 'run_x', instanceId: 'ins_x', flowId: 'echo', depth: 9 } } };
  expect(originOf(claimed)).toBeUndefined();
  expect(originOf({ ...claimed, type: 'github.issues.opened' })).toBeUndefined();
  expect(originOf({ ...claimed, type: 'action.completed' })).toEqual(claimed.payload.origin);
});

/**
 * A manual flow that fails, and a flow that answers every failed run with a step that
 * fails too: its own failure is a `flow.run_failed` like any other.
 */
const failureWatch: IntegrationDocument = {
  weft: 'integration/v1',
  name: 'Failure watch',
  configVars: [slackVar],
  flows: [
    {
      id: 'breaks',
      name: 'Breaks',
      trigger: { type: 'manual' },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: 'C0NOSUCH01', text: 'never posted' } }],
    },
    {
      id: 'watch',
      name: 'Watch failures',
      trigger: { type: 'event', event: 'flow.run_failed' },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: 'C0NOSUCH02', text: 'A run failed: {{trigger.flowName}}' } }],
    },
  ],
};

forEachEngine('the flow loop guard', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  const filtered = async (instanceId: string): Promise<FilteredFiring[]> =>
    (await t.call('GET', `/api/runs/filtered?instance=${instanceId}`, { token: t.token })).json.filtered;

  it('a flow is not started by the event its own step caused: one run, and a filtered firing that names it', async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(echo, { slack: await t.connectionOf('slack') });

    // A person's action (no origin) starts the flow once.
    expect((await t.act('slack', 'post_message', { channel: 'C0WEFTGEN01', text: 'Hello' })).status).toBe(200);
    const [run] = await t.finishedRuns(instanceId);
    expect(run).toMatchObject({ status: 'succeeded', chain_depth: 0 });

    // The flow's own post completed an action too: that event is turned away, saying why.
    const [loop] = await t.waitFor('the loop record', async () => {
      const rows = await filtered(instanceId);
      return rows.length > 0 ? rows : undefined;
    });
    expect(loop!.reason).toBe(`filtered: loop — this event was caused by run ${run!.id} of this flow (a chain 1 deep), and a flow is not started by what its own runs do`);
    expect(loop!.flowId).toBe('echo');
    // The loop record comes from the event of the flow's post, which is where a second run would have started.
    expect(await t.runs(instanceId)).toHaveLength(1);
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text.startsWith('An action completed')).map((m) => m.text)).toEqual(['An action completed: post_message']);

    // Someone's next action still starts it.
    expect((await t.act('slack', 'post_message', { channel: 'C0WEFTGEN01', text: 'Again' })).status).toBe(200);
    expect(await t.finishedRuns(instanceId, 2)).toHaveLength(2);
  });

  it('a flow started by failed runs is not started by its own failure', async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(failureWatch, { slack: await t.connectionOf('slack') });
    const started = await t.call('POST', `/api/instances/${instanceId}/flows/breaks/run`, { token: t.token, body: { input: {} } });
    expect(started.status).toBe(201);
    const loop = await t.waitFor('the loop record', async () => (await filtered(instanceId)).find((f) => f.flowId === 'watch'));
    const runs = await t.finishedRuns(instanceId, 2);
    expect(runs.map((r) => [r.flow_id, r.status, r.chain_depth])).toEqual([['breaks', 'failed', 0], ['watch', 'failed', 1]]);
    expect(loop.reason).toBe(`filtered: loop — this event was caused by run ${runs[1]!.id} of this flow (a chain 2 deep), and a flow is not started by what its own runs do`);
    expect(await t.runs(instanceId)).toHaveLength(2);
  });

  it(`flows that start each other stop after ${MAX_CHAIN_DEPTH} runs, the firing past the limit filtered as a loop; an unrelated event still fires`, async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(pingPong, { slack: await t.connectionOf('slack') });

    expect((await t.act('slack', 'post_message', { channel: 'C0WEFTGEN01', text: 'Serve' })).status).toBe(200);
    const stopped = await t.waitFor('the loop record past the limit', async () =>
      (await filtered(instanceId)).find((f) => f.reason.includes(`a chain ${MAX_CHAIN_DEPTH} deep`)));
    const runs = await t.finishedRuns(instanceId, MAX_CHAIN_DEPTH);
    expect(runs.map((r) => [r.flow_id, r.chain_depth, r.status])).toEqual([
      ['ping', 0, 'succeeded'], ['pong', 1, 'succeeded'], ['ping', 2, 'succeeded'], ['pong', 3, 'succeeded'], ['ping', 4, 'succeeded'],
    ]);
    const last = runs.at(-1)!;
    expect(stopped).toMatchObject({ flowId: 'pong', triggerType: 'event' });
    expect(stopped.reason).toBe(
      `filtered: loop — this event was caused by run ${last.id} of flow "ping", a chain ${MAX_CHAIN_DEPTH} deep; Weft stops flows starting each other after ${MAX_CHAIN_DEPTH} runs`,
    );
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'ping')).toHaveLength(3);
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'pong')).toHaveLength(2);

    // A person's action later is a new chain: it starts ping again, at depth 0.
    expect((await t.act('slack', 'post_message', { channel: 'C0WEFTGEN01', text: 'New game' })).status).toBe(200);
    const next = await t.waitFor('a new chain', async () => (await t.runs(instanceId)).find((r) => r.started_at > last.started_at && r.chain_depth === 0));
    expect(next.flow_id).toBe('ping');
    // Nothing past the limit ran meanwhile.
    expect((await t.runs(instanceId)).filter((r) => r.chain_depth >= MAX_CHAIN_DEPTH)).toEqual([]);
  });
});

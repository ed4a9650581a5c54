import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { forEachEngine } from '../../store/testing/engines';
import { flowsTestApp, type FlowsTestApp } from './testing';

const doc = (channelOfSecond: string): IntegrationDocument => ({
  weft: 'integration/v1', name: 'Two posts',
  configVars: [{ key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' }, { key: 'second', label: 'Second channel', type: 'string', default: channelOfSecond }],
  flows: [
    {
      id: 'by-hand', name: 'By hand',
      trigger: { type: 'manual', inputSchema: { type: 'object', properties: { title: { type: 'string', minLength: 1 } }, required: ['title'] } },
      steps: [
        { id: 'first', action: 'slack.post_message', connection: 'slack', input: { channel: 'C0WEFTENG01', text: 'First: {{trigger.title}}' } },
        { id: 'second', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.second}}', text: 'Second: {{trigger.title}} after {{steps.first.ts}}' } },
      ],
    },
    { id: 'on-event', name: 'On event', trigger: { type: 'event', event: 'github.issues.opened' }, steps: [] },
  ],
});

forEachEngine('flow run routes', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  it('a manual run starts with its input checked; other triggers, other users and bad input are refused', async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(doc('C0WEFTGEN01'), { slack: await t.connectionOf('slack') });
    const path = `/api/instances/${instanceId}/flows/by-hand/run`;

    const bad = await t.call('POST', path, { token: t.token, body: { input: { title: '' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
    expect(await t.runs(instanceId)).toEqual([]);

    const notManual = await t.call('POST', `/api/instances/${instanceId}/flows/on-event/run`, { token: t.token, body: { input: {} } });
    expect(notManual.status).toBe(409);
    expect(notManual.json.error.message).toBe('“On event” starts on an event trigger, not by hand.');

    const stranger = await t.signUp();
    expect((await t.call('POST', path, { token: stranger.token, body: { input: { title: 'x' } } })).status).toBe(404);
    expect((await t.call('POST', `/api/instances/${instanceId}/flows/nope/run`, { token: t.token, body: { input: {} } })).status).toBe(404);

    const started = await t.call('POST', path, { token: t.token, body: { input: { title: 'Deploy' } } });
    expect(started.status).toBe(201);
    expect(started.json.run).toMatchObject({ instanceId, flowId: 'by-hand', triggerType: 'manual', trigger: { title: 'Deploy' }, status: 'running' });
    const [run] = await t.finishedRuns(instanceId);
    expect(run!.status).toBe('succeeded');
    expect(t.slack.listMessages('C0WEFTGEN01').map((m) => m.text)).toContainEqual(expect.stringMatching(/^Second: Deploy after \d+\.\d+$/));

    // Another user's run is a 404, like one that does not exist.
    expect((await t.call('GET', `/api/runs/${run!.id}`, { token: stranger.token })).status).toBe(404);
    expect((await t.call('GET', '/api/runs', { token: stranger.token })).json.runs).toEqual([]);
  });

  it('a manual run sent again with its Idempotency-Key is the same run, not a second one', async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(doc('C0WEFTGEN01'), { slack: await t.connectionOf('slack') });
    const path = `/api/instances/${instanceId}/flows/by-hand/run`;
    const send = (key: string) => t.call('POST', path, { token: t.token, body: { input: { title: 'Once' } }, headers: { 'Idempotency-Key': key } });

    const first = await send('weft-run-key-0001');
    expect(first.status).toBe(201);
    // The answer was lost on the way (a timeout, the server restarting): the outbox sends the same key again.
    const again = await send('weft-run-key-0001');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.run.id).toBe(first.json.run.id);
    // Another click is another key, and another run.
    expect((await send('weft-run-key-0002')).status).toBe(201);
    expect(await t.runs(instanceId)).toHaveLength(2);
    await t.finishedRuns(instanceId, 2);
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'First: Once')).toHaveLength(2);

    expect((await send('short')).status).toBe(400);
  });

  it('lists runs newest first, a page at a time, filtered by status', async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(doc('C0NOSUCH01'), { slack: await t.connectionOf('slack') });
    for (const title of ['a', 'b', 'c']) {
      expect((await t.call('POST', `/api/instances/${instanceId}/flows/by-hand/run`, { token: t.token, body: { input: { title } } })).status).toBe(201);
    }
    await t.finishedRuns(instanceId, 3);
    const first = await t.call('GET', `/api/runs?instance=${instanceId}&limit=2`, { token: t.token });
    expect(first.json.runs.map((r: { trigger: { title: string } }) => r.trigger.title)).toEqual(['c', 'b']);
    const second = await t.call('GET', `/api/runs?instance=${instanceId}&limit=2&after=${first.json.next}`, { token: t.token });
    expect(second.json.runs.map((r: { trigger: { title: string } }) => r.trigger.title)).toEqual(['a']);
    expect(second.json.next).toBeNull();
    expect((await t.call('GET', `/api/runs?status=succeeded`, { token: t.token })).json.runs).toEqual([]);
    expect((await t.call('GET', `/api/runs?status=failed`, { token: t.token })).json.runs).toHaveLength(3);
    expect((await t.call('GET', '/api/runs?after=garbage', { token: t.token })).status).toBe(400);
    expect((await t.call('GET', '/api/runs?status=lost', { token: t.token })).status).toBe(400);
  });

  it('a failed run re-runs from its failed step: the earlier step is copied, not posted again', async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(doc('C0LATER001'), { slack: await t.connectionOf('slack') });
    const started = await t.call('POST', `/api/instances/${instanceId}/flows/by-hand/run`, { token: t.token, body: { input: { title: 'Ship it' } } });
    const [failed] = await t.finishedRuns(instanceId);
    expect(failed).toMatchObject({ id: started.json.run.id, status: 'failed', error: 'Slack refused: channel not found' });

    // A step the run does not have is a 400.
    expect((await t.call('POST', `/api/runs/${failed!.id}/rerun`, { token: t.token, body: { fromStep: 'third' } })).status).toBe(400);

    // The cause is fixed: the channel now exists.
    t.slack.seedChannel({ id: 'C0LATER001', name: 'later', botIsMember: true });
    const rerun = await t.call('POST', `/api/runs/${failed!.id}/rerun`, { token: t.token, body: {} });
    expect(rerun.status).toBe(201);
    expect(rerun.json.run).toMatchObject({ rerunOf: failed!.id, status: 'running', trigger: { title: 'Ship it' } });
    const done = await t.waitFor('the rerun to finish', async () => {
      const r = await t.call('GET', `/api/runs/${rerun.json.run.id}`, { token: t.token });
      return r.json.status === 'succeeded' && r.json;
    });
    expect(done.steps.map((s: { key: string; status: string }) => [s.key, s.status])).toEqual([['first', 'succeeded'], ['second', 'succeeded']]);
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'First: Ship it')).toHaveLength(1);
    expect(t.slack.listMessages('C0LATER001').map((m) => m.text)).toEqual([`Second: Ship it after ${done.steps[0].output.ts}`]);
    expect((await t.call('POST', `/api/runs/${rerun.json.run.id}/rerun`, { token: t.token, body: {} })).status).toBe(409);
  });
});

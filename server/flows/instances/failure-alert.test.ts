import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../../store/testing/engines';
import { manualFlow, flowsTestApp as runnerTestApp, slackPost, type FlowsTestApp as RunnerTestApp } from '../runner/testing';
import { flowsTestApp, type FlowsTestApp } from '../testing/flows-app';

/** One manual flow whose only step posts in a channel the Slack emulator does not have: it fails. */
const failing = manualFlow([slackPost('post', 'Standup in 5', { input: { channel: 'C0NOSUCH01', text: 'Standup in 5' } })], {
  name: 'Standup reminder',
  flow: { id: 'remind', name: 'Remind the team' },
});

forEachEngine('an instance’s failure alert through the API', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  it('is set at deploy, returned on the instance, changed and cleared by PATCH', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const config = await t.anaConfig();
    const alert = { connection: config.slack, channel: 'C0ALERTS1' };
    const created = await t.call('POST', '/api/instances', { token: t.ana.token, body: { integrationId: id, version: 1, config, failureAlert: alert } });
    expect(created.status).toBe(201);
    expect(created.json.instance.failureAlert).toEqual(alert);
    const instanceId = created.json.instance.id as string;
    const listed = async () => (await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances[0].failureAlert;
    expect(await listed()).toEqual(alert);

    const patch = (body: object) => t.call('PATCH', `/api/instances/${instanceId}`, { token: t.ana.token, body });
    const other = await t.connect(t.ana, 'slack', 'Ops Slack');
    const moved = await patch({ failureAlert: { connection: other, channel: 'G0PRIVATE' } });
    expect(moved.status).toBe(200);
    expect(moved.json.instance.failureAlert).toEqual({ connection: other, channel: 'G0PRIVATE' });
    // A change of something else leaves it as it is.
    expect((await patch({ name: 'Renamed' })).json.instance.failureAlert).toEqual({ connection: other, channel: 'G0PRIVATE' });
    const cleared = await patch({ failureAlert: null });
    expect(cleared.status).toBe(200);
    expect(cleared.json.instance.failureAlert).toBeNull();
    expect(await listed()).toBeNull();
    const row = await t.deps.db.selectFrom('flow_instances').select('failure_alert').where('id', '=', instanceId).executeTakeFirstOrThrow();
    expect(row.failure_alert).toBeNull();

    // Deployed without one: none.
    const plain = await t.call('POST', '/api/instances', { token: t.ana.token, body: { integrationId: id, version: 1, config } });
    expect(plain.json.instance.failureAlert).toBeNull();
  });

  it('is refused, changing nothing, for another user’s connection, a connection that is not Slack, or a channel that is not a Slack id', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const config = await t.anaConfig();
    const deployWith = (failureAlert: unknown) => t.call('POST', '/api/instances', { token: t.ana.token, body: { integrationId: id, version: 1, config, failureAlert } });

    const bosSlack = await t.connect(t.bo, 'slack', 'Bo’s Slack');
    const notFound = 'The failure alert names a connection this workspace does not have. Choose one of your Slack connections.';
    for (const [alert, message] of [
      [{ connection: bosSlack, channel: 'C0ALERTS1' }, notFound],
      [{ connection: 'con_nope', channel: 'C0ALERTS1' }, notFound],
      [{ connection: config.github, channel: 'C0ALERTS1' }, 'The failure alert is posted in Slack, and Work is a GitHub connection. Choose one of your Slack connections.'],
    ] as const) {
      const res = await deployWith(alert);
      expect(res.status).toBe(400);
      expect(res.json.error).toEqual({ code: 'invalid_request', message });
    }
    const badChannel = await deployWith({ connection: config.slack, channel: '#general' });
    expect(badChannel.status).toBe(400);
    expect(badChannel.json.error.code).toBe('invalid_request');
    expect(badChannel.json.error.message).toContain('like C0123ABCD');
    expect((await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances).toEqual([]);

    // On an instance that has one, a refused change keeps the old one.
    const alert = { connection: config.slack, channel: 'C0ALERTS1' };
    const instanceId = (await deployWith(alert)).json.instance.id as string;
    const patch = (body: object) => t.call('PATCH', `/api/instances/${instanceId}`, { token: t.ana.token, body });
    expect((await patch({ failureAlert: { connection: bosSlack, channel: 'C0ALERTS1' } })).json.error.message).toBe(notFound);
    expect((await patch({ failureAlert: { connection: config.github, channel: 'C0ALERTS1' }, name: 'Not this either' })).status).toBe(400);
    expect((await patch({ failureAlert: { connection: config.slack } })).status).toBe(400);
    const kept = (await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances[0];
    expect(kept).toMatchObject({ name: 'Urgent bugs to Slack', failureAlert: alert });
    // Bo cannot see, so cannot change, Ana's instance.
    expect((await t.call('PATCH', `/api/instances/${instanceId}`, { token: t.bo.token, body: { failureAlert: null } })).status).toBe(404);
  });
});

forEachEngine('a failed run with a failure alert set through the API', (engine) => {
  let t: RunnerTestApp;
  afterEach(async () => t?.close());

  it('posts exactly one alert in the chosen channel, naming the flow, the instance and the error', async () => {
    t = await runnerTestApp(engine);
    const slack = await t.connectionOf('slack');
    const created = await t.call('POST', '/api/integrations', { token: t.token, body: failing });
    const integrationId = created.json.integration.id as string;
    expect((await t.call('POST', `/api/integrations/${integrationId}/versions`, { token: t.token, body: { note: 'First' } })).status).toBe(201);
    const deployed = await t.call('POST', '/api/instances', {
      token: t.token, body: { integrationId, version: 1, config: { slack }, name: 'Team A', failureAlert: { connection: slack, channel: 'C0WEFTGEN01' } },
    });
    expect(deployed.status).toBe(201);
    const instanceId = deployed.json.instance.id as string;

    const started = await t.call('POST', `/api/instances/${instanceId}/flows/remind/run`, { token: t.token, body: { input: {} } });
    expect(started.status).toBe(201);
    const [run] = await t.finishedRuns(instanceId);
    expect(run).toMatchObject({ status: 'failed', error: 'Slack refused: channel not found' });
    const alertText = `Weft flow “Remind the team” (Team A) failed: Slack refused: channel not found\nRun ${run!.id}`;
    const alerts = await t.waitFor('the alert', async () => {
      const posted = t.slack.listMessages('C0WEFTGEN01').filter((m) => m.text.startsWith('Weft flow'));
      return posted.length > 0 && posted;
    });
    // The notice job writes the failure event before it posts: once the post is seen, the job is done.
    await t.waitFor('the failure event', () => t.deps.db.selectFrom('events').select('id').where('type', '=', 'flow.run_failed').executeTakeFirst());
    expect(alerts.map((m) => m.text)).toEqual([alertText]);
  });

  it('an alert Slack refuses for good (no such channel) is logged once, not tried again', async () => {
    t = await runnerTestApp(engine);
    const slack = await t.connectionOf('slack');
    const instanceId = await t.deploy(failing, { slack }, { failureAlert: { connection: slack, channel: 'C0GONE0001' } });
    const started = await t.call('POST', `/api/instances/${instanceId}/flows/remind/run`, { token: t.token, body: { input: {} } });
    expect(started.status).toBe(201);
    const line = await t.waitFor('the log line', async () => t.logLines.find((l) => l.includes('The failure alert could not be posted in Slack.')));
    expect(line).toContain('channel not found');
    // The notice job ended there: it did not fail, so it is not tried again.
    expect(t.logLines.filter((l) => l.includes('flows.run-failed'))).toEqual([]);
  });
});

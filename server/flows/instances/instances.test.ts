import { afterEach, expect, it } from 'vitest';
import { TEST_PUBLIC_URL } from '../../testing/test-app';
import { forEachEngine } from '../../store/testing/engines';
import { verifyStandardWebhook, signStandardWebhook } from '../../hooks/standard-webhooks';
import { flowsTestApp, sampleDocument, type FlowsTestApp } from '../testing/flows-app';
import { openSigningSecret } from './signing-secret';

forEachEngine('instances API', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  const deploy = (token: string, body: object) => t.call('POST', '/api/instances', { token, body });

  it('deploys an available version with its config: defaults applied, flows and triggers summarised, a webhook URL per webhook flow', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const config = await t.anaConfig();
    const res = await deploy(t.ana.token, { integrationId: id, version: 1, config });
    expect(res.status).toBe(201);
    const instance = res.json.instance;
    expect(instance).toMatchObject({ integrationId: id, integrationName: 'Urgent bugs to Slack', version: 1, name: 'Urgent bugs to Slack', status: 'active', statusReason: null });
    expect(instance.config).toEqual({ ...config, prefix: 'New urgent bug' });
    expect(instance.flows.map((f: { id: string; trigger: unknown }) => [f.id, f.trigger])).toEqual([
      ['urgent-bug', { type: 'event', event: 'github.issues.opened', connection: 'github' }],
      ['from-ci', { type: 'webhook', signed: true }],
      ['escalate', { type: 'manual', from: ['github.issue'], inputSchema: { type: 'object', properties: { note: { type: 'string' } } } }],
    ]);
    expect(instance.webhookUrls).toEqual([{ flowId: 'from-ci', url: expect.stringMatching(new RegExp(`^${TEST_PUBLIC_URL}/hooks/flows/fwh_[A-Za-z0-9_-]{24}/from-ci$`)) }]);
    // The if: of a trigger is the server's business only.
    expect(JSON.stringify(instance)).not.toContain('exists(l');

    const listed = await t.call('GET', '/api/instances', { token: t.ana.token });
    expect(listed.json.instances).toEqual([instance]);
  });

  it('shows the signing secret once, at creation, when a signed webhook needs it; it is sealed at rest and never listed', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const res = await deploy(t.ana.token, { integrationId: id, version: 1, config: await t.anaConfig() });
    const secret = res.json.signingSecret as string;
    expect(secret).toMatch(/^whsec_/);
    const row = await t.deps.db.selectFrom('flow_instances').selectAll().where('id', '=', res.json.instance.id).executeTakeFirstOrThrow();
    expect(row.signing_secret).not.toContain(secret.slice(6));
    expect(openSigningSecret(t.deps.vault, row)).toBe(secret);
    // A sender holding the secret signs what the flow's trigger will check.
    const body = '{"text":"deployed"}';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signStandardWebhook({ secret, id: 'msg_1', timestamp, body });
    const checked = verifyStandardWebhook({ secret: openSigningSecret(t.deps.vault, row), rawBody: body, headers: { id: 'msg_1', timestamp, signature }, nowMs: Date.now() });
    expect(checked.ok).toBe(true);

    for (const answer of [await t.call('GET', '/api/instances', { token: t.ana.token }), await t.call('GET', `/api/integrations/${id}`, { token: t.ana.token })]) {
      expect(answer.text).not.toContain(secret.slice(6));
    }

    // A version with no signed webhook and no webhook step has nobody to give it to.
    const plain = { ...sampleDocument('Plain'), flows: sampleDocument().flows.filter((f) => f.trigger.type !== 'webhook') };
    const plainId = await t.published(t.ana, plain);
    const plainRes = await deploy(t.ana.token, { integrationId: plainId, version: 1, config: await t.anaConfig() });
    expect(plainRes.json.signingSecret).toBeNull();

    // Upgraded to a version with a signed webhook, it needs the secret it was never shown: shown now, once.
    await t.call('PUT', `/api/integrations/${plainId}/draft`, { token: t.ana.token, body: sampleDocument('Plain') });
    await t.call('POST', `/api/integrations/${plainId}/versions`, { token: t.ana.token, body: { note: 'Adds CI' } });
    const patch = (body: object) => t.call('PATCH', `/api/instances/${plainRes.json.instance.id}`, { token: t.ana.token, body });
    const upgraded = await patch({ version: 2 });
    expect(upgraded.json.signingSecret).toMatch(/^whsec_/);
    const plainRow = await t.deps.db.selectFrom('flow_instances').selectAll().where('id', '=', plainRes.json.instance.id).executeTakeFirstOrThrow();
    expect(upgraded.json.signingSecret).toBe(openSigningSecret(t.deps.vault, plainRow));
    expect((await patch({ name: 'Renamed' })).json.signingSecret).toBeNull();
    expect((await patch({ version: 1 })).json.signingSecret).toBeNull();
  });

  it('checks config against the version’s variables: required, types, unknown keys, connections of the right provider in the caller’s workspace', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const config = await t.anaConfig();
    const refused = async (bad: Record<string, unknown>) => {
      const res = await deploy(t.ana.token, { integrationId: id, version: 1, config: bad });
      expect(res.status).toBe(400);
      return res.json.error.message as string;
    };
    const { channel: _channel, ...noChannel } = config;
    expect(await refused(noChannel)).toBe('"Slack channel" is required.');
    expect(await refused({ ...config, channel: 42 })).toBe('"Slack channel" should be text.');
    expect(await refused({ ...config, colour: 'red' })).toBe('This version has no config variable "colour".');
    const { slack: _slack, ...noSlack } = config;
    expect(await refused(noSlack)).toBe('Choose a Slack connection for "Slack".');
    expect(await refused({ ...config, slack: config.github })).toBe('"Slack" needs a Slack connection; Work is a GitHub connection.');
    const bosSlack = await t.connect(t.bo, 'slack', 'Bo’s Slack');
    expect(await refused({ ...config, slack: bosSlack })).toMatch(/^"Slack" names a connection this workspace does not have/);
    expect(await refused({ ...config, slack: 'con_nope' })).toMatch(/does not have/);
    expect((await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances).toEqual([]);
    expect(await t.deps.db.selectFrom('flow_instance_connections').selectAll().execute()).toEqual([]);
  });

  it('an unavailable version cannot be deployed or upgraded to (409, saying so); one that was deployed keeps running', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    await t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: { note: 'Second' } });
    const config = await t.anaConfig();
    const onV1 = await deploy(t.ana.token, { integrationId: id, version: 1, config });
    await t.call('PATCH', `/api/integrations/${id}/versions/2`, { token: t.ana.token, body: { available: false } });

    const refused = await deploy(t.ana.token, { integrationId: id, version: 2, config });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toEqual({ code: 'version_unavailable', message: 'Version 2 is marked unavailable, so it cannot be deployed. Mark it available, or choose another version.' });
    const upgrade = await t.call('PATCH', `/api/instances/${onV1.json.instance.id}`, { token: t.ana.token, body: { version: 2 } });
    expect(upgrade.status).toBe(409);

    await t.call('PATCH', `/api/integrations/${id}/versions/1`, { token: t.ana.token, body: { available: false } });
    const still = (await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances[0];
    expect(still).toMatchObject({ version: 1, status: 'active' });
    expect((await deploy(t.ana.token, { integrationId: id, version: 7, config })).status).toBe(404);
  });

  it('upgrades and rolls back by changing the version; config is checked against the new version, old values kept where it still declares them', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const config = await t.anaConfig();
    const instanceId = (await deploy(t.ana.token, { integrationId: id, version: 1, config: { ...config, prefix: 'Bug' } })).json.instance.id;
    // Version 2 drops `prefix`, adds a required `team` with a default, and has no webhook flow.
    const v2doc = sampleDocument();
    v2doc.configVars = [...v2doc.configVars!.filter((v) => v.key !== 'prefix'), { key: 'team', label: 'Team', type: 'string', required: true, default: 'core' }];
    v2doc.flows = v2doc.flows.filter((f) => f.id !== 'from-ci').map((f) => ({ ...f, steps: f.steps.map((s) => ({ ...s, input: { channel: '{{config.channel}}', text: '{{config.team}}' } })) }));
    await t.call('PUT', `/api/integrations/${id}/draft`, { token: t.ana.token, body: v2doc });
    await t.call('POST', `/api/integrations/${id}/versions`, { token: t.ana.token, body: { note: 'Teams' } });

    const up = await t.call('PATCH', `/api/instances/${instanceId}`, { token: t.ana.token, body: { version: 2 } });
    expect(up.status).toBe(200);
    expect(up.json.instance).toMatchObject({ version: 2, status: 'active', webhookUrls: [] });
    expect(up.json.instance.config).toEqual({ channel: 'C0123456', slack: config.slack, github: config.github, team: 'core' });

    const down = await t.call('PATCH', `/api/instances/${instanceId}`, { token: t.ana.token, body: { version: 1 } });
    expect(down.json.instance).toMatchObject({ version: 1, config: { channel: 'C0123456', slack: config.slack, github: config.github, prefix: 'New urgent bug' } });
    expect(down.json.instance.webhookUrls).toHaveLength(1);

    // A run in flight keeps the version it started on: the run row holds it, the instance's change does not touch it.
    const now = new Date().toISOString();
    await t.deps.db.insertInto('flow_runs').values({ id: 'run_1', workspace_id: t.ana.user.workspaceId, instance_id: instanceId, integration_id: id, version: 1, flow_id: 'urgent-bug', trigger_type: 'event', trigger: '{}', status: 'running', started_at: now }).execute();
    await t.call('PATCH', `/api/instances/${instanceId}`, { token: t.ana.token, body: { version: 2 } });
    expect((await t.deps.db.selectFrom('flow_runs').select('version').where('id', '=', 'run_1').executeTakeFirstOrThrow()).version).toBe(1);
  });

  it('turns off and on, renames, takes new config; refuses an empty change and bad values, keeping the old ones', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const config = await t.anaConfig();
    const instanceId = (await deploy(t.ana.token, { integrationId: id, version: 1, config })).json.instance.id;
    const patch = (body: object) => t.call('PATCH', `/api/instances/${instanceId}`, { token: t.ana.token, body });

    expect((await patch({ enabled: false })).json.instance).toMatchObject({ status: 'disabled', statusReason: null });
    // Renaming a disabled instance leaves it off.
    expect((await patch({ name: 'Eng' })).json.instance).toMatchObject({ status: 'disabled', name: 'Eng' });
    expect((await patch({ enabled: true })).json.instance).toMatchObject({ status: 'active' });
    expect((await patch({ config: { ...config, channel: 'C0999999' } })).json.instance.config.channel).toBe('C0999999');

    expect((await patch({})).status).toBe(400);
    const bad = await patch({ config: { ...config, slack: config.github } });
    expect(bad.status).toBe(400);
    const after = (await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances[0];
    expect(after.config.slack).toBe(config.slack);
    expect(await t.deps.db.selectFrom('flow_instance_connections').select(['config_key', 'connection_id']).where('instance_id', '=', instanceId).orderBy('config_key').execute()).toEqual([
      { config_key: 'github', connection_id: config.github },
      { config_key: 'slack', connection_id: config.slack },
    ]);
  });

  it('deletes an instance; another user’s instance is a 404 to read, change or delete', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const instanceId = (await deploy(t.ana.token, { integrationId: id, version: 1, config: await t.anaConfig() })).json.instance.id;

    expect((await t.call('GET', '/api/instances', { token: t.bo.token })).json.instances).toEqual([]);
    expect((await t.call('PATCH', `/api/instances/${instanceId}`, { token: t.bo.token, body: { enabled: false } })).status).toBe(404);
    expect((await t.call('DELETE', `/api/instances/${instanceId}`, { token: t.bo.token })).status).toBe(404);
    expect((await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances[0].status).toBe('active');

    expect((await t.call('DELETE', `/api/instances/${instanceId}`, { token: t.ana.token })).json).toEqual({ deleted: true });
    expect((await t.call('GET', '/api/instances', { token: t.ana.token })).json.instances).toEqual([]);
    expect((await t.call('DELETE', `/api/instances/${instanceId}`, { token: t.ana.token })).status).toBe(404);
  });

  it('every deploy, change and delete is a flow.instance.updated event for the workspace\'s browsers (which re-read their manual flows), and for no one else', async () => {
    t = await flowsTestApp(engine);
    const id = await t.published(t.ana);
    const instanceId = (await deploy(t.ana.token, { integrationId: id, version: 1, config: await t.anaConfig(), name: 'Alerts' })).json.instance.id;
    await t.call('PATCH', `/api/instances/${instanceId}`, { token: t.ana.token, body: { enabled: false } });
    await t.call('DELETE', `/api/instances/${instanceId}`, { token: t.ana.token });
    // Another integration's instances, removed with it.
    const other = await t.published(t.ana);
    const second = (await deploy(t.ana.token, { integrationId: other, version: 1, config: await t.anaConfig(), name: 'Second' })).json.instance.id;
    expect((await t.call('DELETE', `/api/integrations/${other}`, { token: t.ana.token })).status).toBe(200);

    const updates = async (token: string) =>
      ((await t.call('GET', '/api/events?after=0', { token })).json.events as { type: string; summary: { title: string }; payload: { instance: { id: string; status: string }; change: unknown } }[])
        .filter((e) => e.type === 'flow.instance.updated');
    expect((await updates(t.ana.token)).map((e) => [e.payload.instance.id, e.payload.instance.status, e.payload.change, e.summary.title])).toEqual([
      [instanceId, 'active', { kind: 'deployed', version: 1 }, 'Flow Alerts deployed (version 1)'],
      [instanceId, 'disabled', { kind: 'changed', version: 1 }, 'Flow Alerts changed (version 1)'],
      [instanceId, 'disabled', { kind: 'deleted' }, 'Flow Alerts deleted'],
      [second, 'active', { kind: 'deployed', version: 1 }, 'Flow Second deployed (version 1)'],
      [second, 'active', { kind: 'deleted' }, 'Flow Second deleted'],
    ]);
    expect(await updates(t.bo.token)).toEqual([]);
  });
});

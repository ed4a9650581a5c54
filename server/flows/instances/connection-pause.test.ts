import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { flowInstanceUpdatedType } from '../../../shared/protocol/flows';
import { findProvider } from '../../../shared/providers';
import { saveConnection } from '../../connections/save-connection';
import { actionsTestApp, type ActionsTestApp } from '../../testing/actions-setup';
import { forEachEngine } from '../../store/testing/engines';
import { sampleDocument } from '../testing/flows-app';

forEachEngine('instances follow their connections', (engine) => {
  let s: ActionsTestApp;
  afterEach(async () => s?.close());

  /** The user's connections by provider, an integration of the sample document, and `count` instances of it. */
  async function deployed(count = 1, document: IntegrationDocument = sampleDocument()) {
    s = await actionsTestApp({ engine });
    const connections = (await s.call('GET', '/api/connections', { token: s.token })).json.connections as { id: string; provider: string }[];
    const byProvider = Object.fromEntries(connections.map((c) => [c.provider, c.id]));
    const id = (await s.call('POST', '/api/integrations', { token: s.token, body: document })).json.integration.id;
    await s.call('POST', `/api/integrations/${id}/versions`, { token: s.token, body: { note: 'v1' } });
    const instances: string[] = [];
    for (let n = 1; n <= count; n++) {
      const res = await s.call('POST', '/api/instances', { token: s.token, body: { integrationId: id, version: 1, name: `Alerts ${n}`, config: { channel: 'C0WEFTENG01', slack: byProvider.slack, github: byProvider.github } } });
      expect(res.status).toBe(201);
      instances.push(res.json.instance.id);
    }
    return { byProvider, instances };
  }
  const instance = async (id: string) => (await s.call('GET', '/api/instances', { token: s.token })).json.instances.find((i: { id: string }) => i.id === id);
  /** What Weft did to instances (paused, resumed), leaving out the deploys and changes the user made. */
  const instanceEvents = async () =>
    (await s.call('GET', '/api/events?after=0', { token: s.token })).json.events.filter(
      (e: { type: string; payload: { change: { kind: string } } }) => e.type === flowInstanceUpdatedType && ['paused', 'resumed'].includes(e.payload.change.kind),
    );

  it('the connection list says how many instances use each connection', async () => {
    const { byProvider } = await deployed(2);
    const list = (await s.call('GET', '/api/connections', { token: s.token })).json.connections as { provider: string; instanceCount: number }[];
    expect(Object.fromEntries(list.map((c) => [c.provider, c.instanceCount]))).toEqual({ github: 2, slack: 2, hubspot: 0 });
    expect(byProvider.hubspot).toBeDefined();
  });

  it('deleting a used connection answers 409 naming the instances; confirmed, it deletes and pauses them, saying why', async () => {
    const { byProvider, instances } = await deployed(2);
    const refused = await s.call('DELETE', `/api/connections/${byProvider.slack}`, { token: s.token });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'connection_in_use', instances: [{ id: instances[0], name: 'Alerts 1' }, { id: instances[1], name: 'Alerts 2' }] });
    expect(refused.json.error.message).toMatch(/used by 2 flows: Alerts 1, Alerts 2/);
    expect((await instance(instances[0]!)).status).toBe('active');
    expect((await s.call('GET', '/api/connections', { token: s.token })).json.connections).toHaveLength(3);

    // Unused connections delete as before, without confirmation.
    expect((await s.call('DELETE', `/api/connections/${byProvider.hubspot}`, { token: s.token })).status).toBe(200);

    const forced = await s.call('DELETE', `/api/connections/${byProvider.slack}?force=1`, { token: s.token });
    expect(forced.status).toBe(200);
    for (const id of instances) {
      expect(await instance(id)).toMatchObject({ status: 'paused', statusReason: 'The connection chosen for "slack" was deleted: choose another one to resume this flow.' });
    }
    expect((await instanceEvents()).map((e: { payload: { change: { kind: string } } }) => e.payload.change.kind)).toEqual(['paused', 'paused']);

    // Choosing another Slack connection resumes it.
    const other = await saveConnection(s.deps.db, s.deps.vault, findProvider('slack')!, { id: 'T0OTHER', label: 'Other' },
      { authMode: 'oauth2', accessToken: s.slack.issueToken(), refreshToken: null, expiresAt: null, scopes: [] }, { workspaceId: s.user.workspaceId, userId: s.user.id });
    const fixed = await s.call('PATCH', `/api/instances/${instances[0]}`, { token: s.token, body: { config: { channel: 'C0WEFTENG01', slack: other.row.id, github: byProvider.github } } });
    expect(fixed.json.instance).toMatchObject({ status: 'active', statusReason: null });
  });

  it('a connection used only for failure alerts is counted, named at its delete, and its delete turns the alerts off without pausing the flows', async () => {
    const { byProvider, instances } = await deployed(2);
    const alerts = await saveConnection(s.deps.db, s.deps.vault, findProvider('slack')!, { id: 'T0ALERTS', label: 'Alerts' },
      { authMode: 'oauth2', accessToken: s.slack.issueToken(), refreshToken: null, expiresAt: null, scopes: [] }, { workspaceId: s.user.workspaceId, userId: s.user.id });
    // Alerts 1 posts its failures with it; Alerts 2 runs on Slack with it too, and alerts with it.
    const failureAlert = { connection: alerts.row.id, channel: 'C0WEFTENG01' };
    expect((await s.call('PATCH', `/api/instances/${instances[0]}`, { token: s.token, body: { failureAlert } })).status).toBe(200);
    expect((await s.call('PATCH', `/api/instances/${instances[1]}`, { token: s.token, body: { failureAlert, config: { channel: 'C0WEFTENG01', slack: alerts.row.id, github: byProvider.github } } })).status).toBe(200);
    const counts = async () => Object.fromEntries(((await s.call('GET', '/api/connections', { token: s.token })).json.connections as { id: string; instanceCount: number }[]).map((c) => [c.id, c.instanceCount]));
    // Each instance counts once, whether it runs on the connection, alerts with it or both.
    expect((await counts())[alerts.row.id]).toBe(2);
    expect((await counts())[byProvider.slack!]).toBe(1);

    const refused = await s.call('DELETE', `/api/connections/${alerts.row.id}`, { token: s.token });
    expect(refused.status).toBe(409);
    expect(refused.json.error.instances).toEqual([{ id: instances[0], name: 'Alerts 1', alertOnly: true }, { id: instances[1], name: 'Alerts 2' }]);
    expect(refused.json.error.message).toBe('Alerts is used by 2 flows: Alerts 1, Alerts 2. Deleting it pauses 1 of them and turns off the failure alert of the other; confirm to delete anyway.');

    expect((await s.call('DELETE', `/api/connections/${alerts.row.id}?force=1`, { token: s.token })).status).toBe(200);
    // Alerts 1 keeps running, without its alert; Alerts 2 ran on it, so it pauses (and its alert is off too).
    expect(await instance(instances[0]!)).toMatchObject({ status: 'active', failureAlert: null });
    expect(await instance(instances[1]!)).toMatchObject({ status: 'paused', failureAlert: null });
    // Used by one instance, for its alert only, it says just that.
    const onlyAlert = await saveConnection(s.deps.db, s.deps.vault, findProvider('slack')!, { id: 'T0SOLO', label: 'Solo' },
      { authMode: 'oauth2', accessToken: s.slack.issueToken(), refreshToken: null, expiresAt: null, scopes: [] }, { workspaceId: s.user.workspaceId, userId: s.user.id });
    await s.call('PATCH', `/api/instances/${instances[0]}`, { token: s.token, body: { failureAlert: { connection: onlyAlert.row.id, channel: 'C0WEFTENG01' } } });
    expect((await s.call('DELETE', `/api/connections/${onlyAlert.row.id}`, { token: s.token })).json.error.message).toBe('Solo is used by a flow: Alerts 1. Deleting it turns off its failure alert; confirm to delete anyway.');
  });

  it('an instance whose connection expires pauses with that reason and the owner hears of it; reconnecting resumes it', async () => {
    const { byProvider, instances } = await deployed(2);
    // The second one is turned off by its owner: Weft neither pauses nor resumes it.
    await s.call('PATCH', `/api/instances/${instances[1]}`, { token: s.token, body: { enabled: false } });

    s.github.expireAccessTokens();
    const refused = await s.act('github', 'get_issue', { repo: 'octocat/hello-world', number: 1 });
    expect(refused.json.error.code).toBe('connection_expired');
    expect(await instance(instances[0]!)).toMatchObject({ status: 'paused', statusReason: 'GitHub (octocat) expired: reconnect it to resume this flow.' });
    expect((await instance(instances[1]!)).status).toBe('disabled');

    const [paused] = await instanceEvents();
    expect(paused).toMatchObject({
      type: 'flow.instance.updated',
      connectionId: byProvider.github,
      summary: { title: 'Flow Alerts 1 paused: GitHub (octocat) expired: reconnect it to resume this flow.' },
      payload: { instance: { id: instances[0], status: 'paused' }, change: { kind: 'paused', reason: 'GitHub (octocat) expired: reconnect it to resume this flow.' } },
    });

    // Turning it on while the connection is still expired keeps it paused, saying why.
    const early = await s.call('PATCH', `/api/instances/${instances[0]}`, { token: s.token, body: { enabled: true } });
    expect(early.json.instance).toMatchObject({ status: 'paused', statusReason: expect.stringMatching(/expired/) });

    await s.reconnectGithub();
    const tested = await s.call('POST', `/api/connections/${byProvider.github}/test`, { token: s.token });
    expect(tested.json.ok).toBe(true);
    expect(await instance(instances[0]!)).toMatchObject({ status: 'active', statusReason: null });
    expect((await instance(instances[1]!)).status).toBe('disabled');
    expect((await instanceEvents()).map((e: { summary: { title: string } }) => e.summary.title)).toEqual([
      'Flow Alerts 1 paused: GitHub (octocat) expired: reconnect it to resume this flow.',
      'Flow Alerts 1 resumed: its connections work again',
    ]);
  });

  it('a deploy with an expired connection starts paused, and says why', async () => {
    const { byProvider } = await deployed(0);
    s.github.expireAccessTokens();
    await s.act('github', 'get_issue', { repo: 'octocat/hello-world', number: 1 });
    const id = (await s.call('GET', '/api/integrations', { token: s.token })).json.integrations[0].id;
    const res = await s.call('POST', '/api/instances', { token: s.token, body: { integrationId: id, version: 1, config: { channel: 'C0WEFTENG01', slack: byProvider.slack, github: byProvider.github } } });
    expect(res.json.instance).toMatchObject({ status: 'paused', statusReason: 'GitHub (octocat) expired: reconnect it to resume this flow.' });
  });
});

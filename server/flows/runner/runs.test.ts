import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { forEachEngine } from '../../store/testing/engines';
import { flowsTestApp, type FlowsTestApp } from './testing';

const urgentBugs: IntegrationDocument = {
  weft: 'integration/v1',
  name: 'Urgent bugs to Slack',
  configVars: [
    { key: 'channel', label: 'Slack channel', type: 'string', default: 'C0WEFTENG01' },
    { key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' },
    { key: 'github', label: 'GitHub', type: 'connection', provider: 'github' },
  ],
  flows: [{
    id: 'urgent-bug',
    name: 'Urgent bug to Slack',
    trigger: { type: 'event', event: 'github.issues.opened', connection: 'github', if: 'trigger.issue.labels.exists(l, l.name == "urgent")' },
    steps: [{ id: 'notify', action: 'slack.post_message', connection: 'slack', input: { channel: '{{config.channel}}', text: 'New urgent bug: {{trigger.issue.title}}' } }],
  }],
};

const issueOpened = (title: string, labels: string[]) => ({ action: 'opened', issue: { number: 7, title, labels: labels.map((name) => ({ name })) } });

forEachEngine('flow runs', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  const appendIssue = async (payload: unknown, connectionId: string) => {
    const [event] = await t.deps.events.append([{
      workspaceId: t.user.workspaceId, type: 'github.issues.opened', provider: 'github', connectionId,
      summary: { title: 'Issue opened', url: null, actor: 'octocat', assignees: [], mentions: [], subject: null }, payload,
    }]);
    return event!;
  };

  it('an event with the label runs the flow: the Slack emulator gets the rendered message exactly once, the run shows its step', async () => {
    t = await flowsTestApp(engine);
    const github = await t.connectionOf('github');
    const instanceId = await t.deploy(urgentBugs, { slack: await t.connectionOf('slack'), github });
    const event = await appendIssue(issueOpened('Checkout is down', ['bug', 'urgent']), github);

    const [run] = await t.finishedRuns(instanceId);
    expect(run).toMatchObject({ status: 'succeeded', event_id: event.id, dedupe_key: `event:${event.id}`, trigger_type: 'event' });
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'New urgent bug: Checkout is down')).toHaveLength(1);
    const [step] = await t.steps(run!.id);
    expect(step).toMatchObject({ step_key: 'notify', status: 'succeeded', attempts: 1, error: null });
    expect(JSON.parse(step!.input!)).toEqual({ channel: 'C0WEFTENG01', text: 'New urgent bug: Checkout is down' });
    expect(JSON.parse(step!.output!)).toMatchObject({ channel: 'C0WEFTENG01' });

    // The same firing again (a webhook resent, an event read twice) is that run, not a second one.
    const { fireTrigger } = await import('./fire-trigger');
    expect(await fireTrigger(t.deps, { instanceId, flowId: 'urgent-bug', triggerType: 'event', data: event.payload, eventId: event.id })).toEqual({ duplicate: run!.id });
    // Considered once: the follower running again (its backstop) adds no second run.
    const { matchEvents } = await import('./event-triggers');
    await matchEvents(t.deps);
    expect(await t.runs(instanceId)).toHaveLength(1);

    const detail = await t.call('GET', `/api/runs/${run!.id}`, { token: t.token });
    expect(detail.status).toBe(200);
    expect(detail.json.steps.map((s: { key: string; status: string }) => [s.key, s.status])).toEqual([['notify', 'succeeded']]);
  });

  it('an event without the label is filtered with the reason, and nothing is posted', async () => {
    t = await flowsTestApp(engine);
    const github = await t.connectionOf('github');
    const instanceId = await t.deploy(urgentBugs, { slack: await t.connectionOf('slack'), github });
    const before = t.slack.listMessages().length;
    const event = await appendIssue(issueOpened('Typo in footer', ['docs']), github);

    const filtered = await t.waitFor('a filtered record', () => t.deps.db.selectFrom('flow_filtered').selectAll().where('instance_id', '=', instanceId).executeTakeFirst());
    expect(filtered).toMatchObject({ event_id: event.id, flow_id: 'urgent-bug', trigger_type: 'event' });
    expect(filtered.reason).toBe('filtered: `trigger.issue.labels.exists(l, l.name == "urgent")` was false');
    expect(await t.runs(instanceId)).toEqual([]);
    expect(t.slack.listMessages()).toHaveLength(before);
    const page = await t.call('GET', `/api/runs/filtered?instance=${instanceId}`, { token: t.token });
    expect(page.json.filtered.map((f: { reason: string }) => f.reason)).toEqual([filtered.reason]);
  });

  it('an event from another connection than the trigger names is filtered, saying so', async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(urgentBugs, { slack: await t.connectionOf('slack'), github: await t.connectionOf('github') });
    await appendIssue(issueOpened('Checkout is down', ['urgent']), await t.connectionOf('hubspot'));
    const filtered = await t.waitFor('a filtered record', () => t.deps.db.selectFrom('flow_filtered').selectAll().where('instance_id', '=', instanceId).executeTakeFirst());
    expect(filtered.reason).toMatch(/^filtered: the event came from another github connection than the one "github" names$/);
    expect(await t.runs(instanceId)).toEqual([]);
  });

  it('a 4xx from the provider fails the step at once with its words, and the owner is notified', async () => {
    t = await flowsTestApp(engine);
    const github = await t.connectionOf('github');
    const instanceId = await t.deploy(urgentBugs, { slack: await t.connectionOf('slack'), github, channel: 'C0NOSUCH01' });
    await appendIssue(issueOpened('Checkout is down', ['urgent']), github);

    const [run] = await t.finishedRuns(instanceId);
    expect(run).toMatchObject({ status: 'failed', error: 'Slack refused: channel not found' });
    const [step] = await t.steps(run!.id);
    expect(step).toMatchObject({ status: 'failed', attempts: 1, error: 'Slack refused: channel not found' });
    const notice = await t.waitFor('the failure event', () =>
      t.deps.db.selectFrom('events').selectAll().where('type', '=', 'flow.run_failed').where('workspace_id', '=', t.user.workspaceId).executeTakeFirst());
    expect(JSON.parse(notice.payload!)).toMatchObject({ runId: run!.id, instanceId, flowId: 'urgent-bug', flowName: 'Urgent bug to Slack', error: 'Slack refused: channel not found' });
    expect(JSON.parse(notice.summary).title).toBe('Flow “Urgent bug to Slack” failed: Slack refused: channel not found');
  });
});

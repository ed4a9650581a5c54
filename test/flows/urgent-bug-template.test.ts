import { afterEach, expect, it } from 'vitest';
import { flowsTestApp, type FlowsTestApp } from '../../server/flows/runner/testing';
import { forEachEngine } from '../../server/store/testing/engines';
import { githubExample } from '../../server/testing/webhooks';
import { githubHeaders, WEBHOOK_SECRETS } from '../support/webhook-signing';

// The e2e scenario of test/e2e/flows.e2e.ts at the server level, on both engines, through
// the HTTP API only: the built-in "GitHub urgent bug to Slack" template installed, then
// signed GitHub webhooks through intake, the event follower and the runner, to the Slack
// emulator. The e2e runs on SQLite alone; this holds the same path to PostgreSQL too, and
// adds GitHub's redelivery of the same webhook.

const CHANNEL = 'C0WEFTENG01';
const TEMPLATE = 'builtin:github-urgent-bug-to-slack';

let t: FlowsTestApp | undefined;
afterEach(async () => t?.close());

/** A signed `issues.opened` for octocat/hello-world (the test user's GitHub account), as GitHub sends it. */
function issueOpened(number: number, title: string, labels: string[]) {
  const payload = githubExample('issues', 'opened');
  payload.repository.owner.login = 'octocat';
  payload.repository.full_name = 'octocat/hello-world';
  payload.issue.number = number;
  payload.issue.title = title;
  payload.issue.html_url = `https://github.com/octocat/hello-world/issues/${number}`;
  payload.issue.labels = labels.map((name, i) => ({ id: i + 1, name, color: 'd73a4a', default: false, description: null }));
  const body = JSON.stringify(payload);
  return { body, headers: githubHeaders(body, 'issues') };
}

forEachEngine('the GitHub urgent bug template, installed and fed real webhooks', (engine) => {
  it('an urgent issue posts once (a redelivery too), the run shows its step; another issue is filtered, saying why', async () => {
    t = await flowsTestApp(engine, { env: WEBHOOK_SECRETS });
    const app = t;
    const installed = await app.call('POST', `/api/templates/${encodeURIComponent(TEMPLATE)}/install`, {
      token: app.token,
      body: { config: { github: await app.connectionOf('github'), slack: await app.connectionOf('slack'), channel: CHANNEL } },
    });
    expect(installed.status).toBe(201);
    const instanceId: string = installed.json.instance.id;
    expect(installed.json.instance.status).toBe('active');

    const urgent = issueOpened(42, 'Checkout is down', ['bug', 'urgent']);
    const hook = (w: { body: string; headers: Record<string, string> }) => app.app.request('/hooks/github', { method: 'POST', body: w.body, headers: w.headers });
    expect((await hook(urgent)).status).toBe(202);
    const [run] = await app.finishedRuns(instanceId);
    expect(run).toMatchObject({ status: 'succeeded', trigger_type: 'event' });

    const detail = await app.call('GET', `/api/runs/${run!.id}`, { token: app.token });
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ triggerType: 'event', eventId: expect.any(Number), trigger: { issue: { title: 'Checkout is down' } } });
    expect(detail.json.steps.map((s: { key: string; status: string; attempts: number }) => [s.key, s.status, s.attempts])).toEqual([['notify', 'succeeded', 1]]);
    expect(detail.json.steps[0].input).toMatchObject({ channel: CHANNEL, text: 'New urgent bug: Checkout is down' });

    // GitHub's "Redeliver": the same delivery id is stored once, so it fires nothing again.
    expect((await hook(urgent)).status).toBe(200);
    const other = issueOpened(43, 'Typo on the pricing page', ['docs']);
    expect((await hook(other)).status).toBe(202);
    const filtered = await app.waitFor('the filtered firing', async () => {
      const page = await app.call('GET', `/api/runs/filtered?instance=${instanceId}`, { token: app.token });
      return page.json.filtered.length > 0 ? page.json.filtered : undefined;
    });
    expect(filtered.map((f: { flowId: string; reason: string }) => [f.flowId, f.reason])).toEqual([
      ['urgent-bug', 'filtered: `trigger.issue.labels.exists(l, l.name == config.label)` was false'],
    ]);
    // The later firing was considered (its record is the proof): still one run, one message.
    expect(await app.runs(instanceId)).toHaveLength(1);
    expect(app.slack.listMessages(CHANNEL).map((m) => m.text)).toEqual([
      'New urgent bug: Checkout is down\n<https://github.com/octocat/hello-world/issues/42|#42 in octocat/hello-world>',
    ]);
  }, 30_000);
});

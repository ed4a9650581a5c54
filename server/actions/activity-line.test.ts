import { afterEach, describe, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import type { WeftEvent } from '../../shared/protocol';
import { findProvider } from '../../shared/providers';
import { actionsTestApp, type ActionsTestApp } from '../testing/actions-setup';
import { providerActions } from './registry';

let t: ActionsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function completed(s: ActionsTestApp) {
  const events: WeftEvent[] = (await s.call('GET', '/api/events?after=0', { token: s.token })).json.events;
  return events.filter((e) => e.type === 'action.completed').map((e) => ({ title: e.summary.title, url: e.summary.url, payload: e.payload }));
}

forEachEngine('action.completed: the user’s own actions in their activity', (engine) => {
  it('a created issue and a Slack post each say what was done, once, even when retried with their key', async () => {
    t = await actionsTestApp({ engine });
    const issue = await t.act('github', 'create_issue', { repo: 'octocat/hello-world', title: 'SSO for Example Corp' }, 'key-activity-1');
    await t.act('github', 'create_issue', { repo: 'octocat/hello-world', title: 'SSO for Example Corp' }, 'key-activity-1');
    await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'SSO issue filed' });
    const lines = await completed(t);
    expect(lines.map((l) => l.title)).toEqual([`You created issue #${issue.json.result.number} in octocat/hello-world`, 'You posted to #eng']);
    expect(lines[0]!.url).toBe(issue.json.result.url);
    expect(lines[0]!.payload).toEqual({ userId: t.user.id, provider: 'github', action: 'create_issue', connectionId: issue.json.connectionId });
  });

  it('reads and refusals add nothing', async () => {
    t = await actionsTestApp({ engine });
    await t.act('github', 'get_issue', { repo: 'octocat/hello-world', number: 1 });
    await t.act('slack', 'post_message', { channel: 'C0WEFTSAL01', text: 'the bot is not in #sales' });
    expect(await completed(t)).toEqual([]);
  });

  it('when the channel name cannot be read, the line still says what was done', async () => {
    t = await actionsTestApp({ engine });
    t.slack.failNext('/api/conversations.info', 400);
    await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'Hello' });
    expect((await completed(t)).map((l) => l.title)).toEqual(['You posted to Slack']);
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'Hello')).toHaveLength(1);
  });
});

describe('action.completed sentences', () => {
  it('every write action of every provider has its sentence', () => {
    const missing = Object.entries(providerActions).flatMap(([id, actions]) =>
      Object.entries(findProvider(id)!.actions ?? {}).filter(([action, d]) => d.kind === 'write' && !actions.describe[action]).map(([action]) => `${id}.${action}`),
    );
    expect(missing).toEqual([]);
    // The check can fail: a provider without sentences is reported.
    const without = { ...providerActions.slack!, describe: {} };
    expect(Object.entries(findProvider('slack')!.actions ?? {}).filter(([a, d]) => d.kind === 'write' && !without.describe[a as never])).not.toEqual([]);
  });
});

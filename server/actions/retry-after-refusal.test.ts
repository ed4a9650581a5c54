import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { actionsTestApp, type ActionsTestApp } from '../testing/actions-setup';

let t: ActionsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Slack's #sales in the emulator: the Weft bot was never invited. */
const SALES = 'C0WEFTSAL01';

/**
 * A refusal is not a key's final answer: once the user fixes the cause, Retry (the same
 * Idempotency-Key, the same request) runs the action. A success stays final. Effects are
 * counted at the emulators, where a duplicate would land.
 */
forEachEngine('Idempotency-Key after a refusal', (engine) => {
  it('Slack: bot not in channel → refused; after the bot is invited the same key posts once, and a replay posts nothing more', async () => {
    t = await actionsTestApp({ engine });
    const post = { channel: SALES, text: 'Renewal signed' };
    const refused = await t.act('slack', 'post_message', post, 'key-slack-0001');
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe('Slack refused: not in channel');
    // Retried before anything changed: refused again, by Slack, not by a cached answer.
    const again = await t.act('slack', 'post_message', post, 'key-slack-0001');
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBeNull();

    const invited = await t.slack.app.request(`/_emulator/slack/channels/${SALES}/invite-bot`, { method: 'POST' });
    expect((await invited.json()).botIsMember).toBe(true);

    const retried = await t.act('slack', 'post_message', post, 'key-slack-0001');
    expect(retried.status).toBe(200);
    expect(t.slack.listMessages(SALES).map((m) => m.text)).toEqual(['Renewal signed']);

    const replayed = await t.act('slack', 'post_message', post, 'key-slack-0001');
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.json).toEqual(retried.json);
    expect(t.slack.listMessages(SALES)).toHaveLength(1);
  });

  it('GitHub: expired token → refused; after reconnecting the same key creates the issue once, and a replay creates nothing more', async () => {
    t = await actionsTestApp({ engine });
    const input = { repo: 'octocat/hello-world', title: 'Export times out', body: 'From the HubSpot ticket' };
    const count = () => t!.github.listIssues('octocat/hello-world').filter((i) => i.title === input.title).length;
    t.github.expireAccessTokens();
    const refused = await t.act('github', 'create_issue', input, 'key-github-001');
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('connection_expired');

    await t.reconnectGithub();
    const retried = await t.act('github', 'create_issue', input, 'key-github-001');
    expect(retried.status).toBe(200);
    expect(retried.json.result.title).toBe(input.title);
    expect(count()).toBe(1);

    const replayed = await t.act('github', 'create_issue', input, 'key-github-001');
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.json).toEqual(retried.json);
    expect(count()).toBe(1);
  });

  it('a refused key stays bound to its request: another request with it is 422, and nothing is posted', async () => {
    t = await actionsTestApp({ engine });
    expect((await t.act('slack', 'post_message', { channel: SALES, text: 'First' }, 'key-slack-0002')).status).toBe(400);
    await t.slack.app.request(`/_emulator/slack/channels/${SALES}/invite-bot`, { method: 'POST' });
    const other = await t.act('slack', 'post_message', { channel: SALES, text: 'Something else' }, 'key-slack-0002');
    expect(other.status).toBe(422);
    expect(t.slack.listMessages(SALES)).toEqual([]);
  });

  it('two requests with one key at once: one runs, the other is told it is still running (409); one message lands', async () => {
    // The first is held at Slack until the second has been answered, so they overlap on
    // any machine (unheld, a loaded machine could finish the first before the second began).
    let reached!: () => void;
    const atSlack = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    t = await actionsTestApp({
      engine,
      wrapFetch: (f) => async (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes('chat.postMessage')) {
          reached();
          await held;
        }
        return f(input, init);
      },
    });
    const post = { channel: 'C0WEFTENG01', text: 'Deploy finished' };
    const first = t.act('slack', 'post_message', post, 'key-slack-0003');
    await atSlack;
    const second = await t.act('slack', 'post_message', post, 'key-slack-0003');
    release();
    expect([(await first).status, second.status]).toEqual([200, 409]);
    expect(second.json.error.code).toBe('conflict');
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'Deploy finished')).toHaveLength(1);
  });
});

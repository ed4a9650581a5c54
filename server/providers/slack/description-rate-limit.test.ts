import { afterEach, expect, it } from 'vitest';
import type { WeftEvent } from '../../../shared/protocol';
import { forEachEngine } from '../../store/testing/engines';
import { actionsTestApp, type ActionsTestApp } from '../../testing/actions-setup';

// After a post, Weft asks Slack for the message's link (chat.getPermalink) and the channel's
// name (conversations.info) only to describe what it did. Slack rate limits those methods
// on their own: a 429 there must give a description without them at once, not hold the
// action (or the ones after it) for the Retry-After.

let t: ActionsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Answers the first `count` calls to a Slack method with 429 and a Retry-After, as Slack does; counts every call to it. */
function rateLimitFirst(method: string, count: number, retryAfterSeconds: number) {
  let calls = 0;
  const wrapFetch = (emulated: typeof fetch): typeof fetch =>
    (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(String(input instanceof Request ? input.url : input)).pathname === `/api/${method}` && ++calls <= count) {
        return Response.json({ ok: false, error: 'ratelimited' }, { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } });
      }
      return emulated(input, init);
    }) as typeof fetch;
  return { wrapFetch, calls: () => calls };
}

async function completedLines(s: ActionsTestApp) {
  const events: WeftEvent[] = (await s.call('GET', '/api/events?after=0', { token: s.token })).json.events;
  return events.filter((e) => e.type === 'action.completed').map((e) => e.summary.title);
}

forEachEngine('Slack descriptions under a rate limit', (engine) => {
  it('a 429 on chat.getPermalink gives the post without its link at once (asked once), and the next post has its link', async () => {
    const limited = rateLimitFirst('chat.getPermalink', 1, 5);
    t = await actionsTestApp({ engine, wrapFetch: limited.wrapFetch });

    const first = await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'Deploy finished' });
    expect(first.status).toBe(200);
    expect(first.json.result).toEqual({ channel: 'C0WEFTENG01', ts: expect.any(String), permalink: null });
    // Not asked again after the Retry-After: the action answered without waiting for it.
    expect(limited.calls()).toBe(1);

    const second = await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'Smoke tests green' });
    expect(second.json.result.permalink).toBe(`https://weft-test.slack.com/archives/C0WEFTENG01/p${second.json.result.ts.replace('.', '')}`);
    expect(t.slack.listMessages('C0WEFTENG01').slice(-2).map((m) => m.text)).toEqual(['Deploy finished', 'Smoke tests green']);
  });

  it('a 429 on conversations.info gives the activity line without the channel name, asked once', async () => {
    const limited = rateLimitFirst('conversations.info', 1, 5);
    t = await actionsTestApp({ engine, wrapFetch: limited.wrapFetch });
    await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'Deploy finished' });
    await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'Smoke tests green' });
    expect(await completedLines(t)).toEqual(['You posted to Slack', 'You posted to #eng']);
    expect(limited.calls()).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { formPost } from '../common/oauth-test-kit';
import { createSlackEmulator, type SlackEmulator } from './index';

function client(slack: SlackEmulator, token = slack.issueToken()) {
  return async (method: string, args: Record<string, unknown> = {}) => {
    const res = await slack.app.request(`/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(args),
    });
    return { res, status: res.status, json: await res.json() };
  };
}

const names = (json: { channels: { name: string }[] }) => json.channels.map((c) => c.name);

describe('Slack conversations.list', () => {
  it('lists public channels by default, with Slack’s channel shape and an empty next_cursor', async () => {
    const slack = createSlackEmulator();
    const { status, json } = await client(slack)('conversations.list');
    expect(status).toBe(200);
    expect(names(json)).toEqual(['general', 'eng', 'sales']);
    expect(json.response_metadata).toEqual({ next_cursor: '' });
    expect(json.channels[0]).toMatchObject({
      id: 'C0WEFTGEN01', name: 'general', is_channel: true, is_private: false, is_archived: false, is_general: true, is_member: true,
      context_team_id: 'T0WEFT0001', num_members: 2, purpose: { value: 'Company-wide announcements and work-based matters' },
    });
    expect(json.channels.map((c: { is_member: boolean }) => c.is_member)).toEqual([true, true, false]);
    expect(slack.stats.apiCalls).toBe(1);
  });

  it('shows private channels the bot is in only with groups:read; no read scope at all is missing_scope', async () => {
    const slack = createSlackEmulator();
    const both = { types: 'public_channel,private_channel', exclude_archived: true, limit: 200 };
    expect(names((await client(slack)('conversations.list', both)).json)).toEqual(['general', 'eng', 'sales']);
    const withGroups = client(slack, slack.issueToken({ scopes: ['chat:write', 'channels:read', 'groups:read'] }));
    const listed = (await withGroups('conversations.list', both)).json;
    expect(names(listed)).toEqual(['general', 'eng', 'sales', 'deal-desk']);
    expect(listed.channels[3]).toMatchObject({ is_private: true, is_member: true });
    expect(names((await withGroups('conversations.list', { types: 'private_channel' })).json)).toEqual(['deal-desk']);
    const noRead = await client(slack, slack.issueToken({ scopes: ['chat:write'] }))('conversations.list', both);
    expect(noRead.json).toEqual({ ok: false, error: 'missing_scope', needed: 'channels:read,groups:read', provided: 'chat:write' });
    expect((await client(slack)('conversations.list', { types: 'channels' })).json).toEqual({ ok: false, error: 'invalid_types' });
  });

  it('pages with limit and cursor (GET query or form too), and hides archived channels on request', async () => {
    const slack = createSlackEmulator();
    slack.seedChannel({ name: 'old-news', isArchived: true });
    const token = slack.issueToken();
    const first = await (await slack.app.request('/api/conversations.list?limit=2', { headers: { authorization: `Bearer ${token}` } })).json();
    expect(names(first)).toEqual(['general', 'eng']);
    const cursor = first.response_metadata.next_cursor;
    expect(cursor).not.toBe('');
    const second = await (await slack.app.request('/api/conversations.list', formPost({ token, limit: '2', cursor }))).json();
    expect(names(second)).toEqual(['sales', 'old-news']);
    expect(second.response_metadata.next_cursor).toBe('');
    expect(names((await client(slack, token)('conversations.list', { exclude_archived: 'true' })).json)).not.toContain('old-news');
    expect((await client(slack, token)('conversations.list', { cursor: 'bm9wZQ==' })).json).toEqual({ ok: false, error: 'invalid_cursor' });
  });
});

describe('Slack chat.getPermalink', () => {
  it('gives a posted message’s address in the workspace; an unknown message or channel is an error', async () => {
    const slack = createSlackEmulator();
    const call = client(slack);
    const { ts } = (await call('chat.postMessage', { channel: 'C0WEFTENG01', text: 'Deal won' })).json;
    const link = await slack.app.request(`/api/chat.getPermalink?channel=C0WEFTENG01&message_ts=${ts}`, { headers: { authorization: `Bearer ${slack.issueToken()}` } });
    expect(await link.json()).toEqual({ ok: true, channel: 'C0WEFTENG01', permalink: `https://weft-test.slack.com/archives/C0WEFTENG01/p${ts.replace('.', '')}` });
    expect((await call('chat.getPermalink', { channel: 'C0WEFTENG01', message_ts: '1.000001' })).json).toEqual({ ok: false, error: 'message_not_found' });
    expect((await call('chat.getPermalink', { channel: 'C0NOPE', message_ts: ts })).json).toEqual({ ok: false, error: 'channel_not_found' });
  });
});

describe('Slack chat.postMessage', () => {
  it('posts as the bot (JSON) and answers channel, ts and the message', async () => {
    const slack = createSlackEmulator();
    const { status, json } = await client(slack)('chat.postMessage', { channel: 'C0WEFTENG01', text: 'Issue opened: <https://github.com/octocat/hello-world/issues/5|#5 Login fails>', unfurl_links: false });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      ok: true,
      channel: 'C0WEFTENG01',
      ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      message: { type: 'message', user: 'U0WEFTBOT1', bot_id: 'B0WEFTBOT1', app_id: 'A0WEFT0001', team: 'T0WEFT0001', text: expect.stringContaining('Login fails'), bot_profile: { name: 'weft' } },
    });
    expect(json.message.ts).toBe(json.ts);
    expect(slack.listMessages('#eng')).toEqual([expect.objectContaining({ channel: 'C0WEFTENG01', channelName: 'eng', ts: json.ts, user: 'U0WEFTBOT1', unfurlLinks: false, threadTs: null })]);
    expect(slack.stats.requests).toEqual([{ method: 'POST', path: '/api/chat.postMessage', status: 200 }]);
  });

  it('takes form posts with blocks as a JSON string, and channel names', async () => {
    const slack = createSlackEmulator();
    const token = slack.issueToken();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Deal won*' } }];
    const res = await slack.app.request('/api/chat.postMessage', formPost({ token, channel: '#general', text: 'Deal won', blocks: JSON.stringify(blocks) }));
    const json = await res.json();
    expect(json).toMatchObject({ ok: true, channel: 'C0WEFTGEN01', message: { blocks } });
    expect(slack.listMessages('general')[0]?.blocks).toEqual(blocks);
    const onlyBlocks = await client(slack, token)('chat.postMessage', { channel: 'general', blocks });
    expect(onlyBlocks.json).toMatchObject({ ok: true, warning: 'missing_text_or_fallback_or_attachments' });
  });

  it('threads replies under a parent message', async () => {
    const slack = createSlackEmulator();
    const call = client(slack);
    const parent = (await call('chat.postMessage', { channel: 'eng', text: 'Parent' })).json;
    const reply = (await call('chat.postMessage', { channel: 'eng', text: 'Reply', thread_ts: parent.ts })).json;
    expect(reply.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: 'U0WEFTBOT1' });
    expect(reply.ts > parent.ts).toBe(true);
    expect(slack.listMessages('eng').map((m) => [m.text, m.threadTs, m.replyCount])).toEqual([['Parent', null, 1], ['Reply', parent.ts, 0]]);
  });

  it('answers Slack’s errors with HTTP 200 ok:false', async () => {
    const slack = createSlackEmulator();
    slack.seedChannel({ name: 'archive', isArchived: true });
    const call = client(slack);
    const error = async (args: Record<string, unknown>) => (await call('chat.postMessage', args)).json;
    expect(await error({ channel: 'C0NOPE', text: 'x' })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await error({ text: 'x' })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await error({ channel: 'sales', text: 'x' })).toEqual({ ok: false, error: 'not_in_channel' });
    expect(await error({ channel: 'deal-desk', text: 'x' })).toMatchObject({ ok: true }); // private, but the bot is in it
    expect(await error({ channel: 'eng' })).toEqual({ ok: false, error: 'no_text' });
    expect(await error({ channel: 'eng', text: 'x'.repeat(40_001) })).toEqual({ ok: false, error: 'msg_too_long' });
    expect(await error({ channel: 'eng', text: 'x', blocks: '{not json' })).toEqual({ ok: false, error: 'invalid_blocks_format' });
    expect(await error({ channel: 'eng', text: 'x', blocks: [{ text: 'no type' }] })).toEqual({ ok: false, error: 'invalid_blocks' });
    expect(await error({ channel: 'archive', text: 'x' })).toEqual({ ok: false, error: 'is_archived' });
    const noScope = await client(slack, slack.issueToken({ scopes: ['channels:read'] }))('chat.postMessage', { channel: 'eng', text: 'x' });
    expect(noScope.json).toEqual({ ok: false, error: 'missing_scope', needed: 'chat:write', provided: 'channels:read' });
    const bad = await client(slack, 'xoxb-1-2-nope')('chat.postMessage', { channel: 'eng', text: 'x' });
    expect(bad.status).toBe(200);
    expect(bad.json).toEqual({ ok: false, error: 'invalid_auth' });
    const publicScope = client(slack, slack.issueToken({ scopes: ['chat:write', 'chat:write.public'] }));
    expect((await publicScope('chat.postMessage', { channel: 'sales', text: 'x' })).json.ok).toBe(true);
    expect(slack.listMessages().map((m) => m.channelName)).toEqual(['deal-desk', 'sales']);
  });
});

describe('Slack chat.postMessage rate limit', () => {
  it('refuses a second message to the same channel within a second (burst 1) with 429 and Retry-After', async () => {
    let now = 1_700_000_000_000;
    const slack = createSlackEmulator({ postMessageLimit: { burst: 1 }, now: () => now });
    const call = client(slack);
    expect((await call('chat.postMessage', { channel: 'eng', text: 'one' })).json.ok).toBe(true);
    now += 400;
    const refused = await call('chat.postMessage', { channel: 'eng', text: 'two' });
    expect(refused.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBe('1');
    expect(refused.json).toEqual({ ok: false, error: 'ratelimited' });
    expect((await call('chat.postMessage', { channel: 'general', text: 'elsewhere' })).json.ok).toBe(true);
    now += 600;
    expect((await call('chat.postMessage', { channel: 'eng', text: 'two' })).json.ok).toBe(true);
    expect(slack.listMessages('eng').map((m) => m.text)).toEqual(['one', 'two']);
    expect(slack.stats.rateLimited).toBe(1);
  });

  it('allows a short burst by default, then one a second', async () => {
    let now = 1_700_000_000_000;
    const slack = createSlackEmulator({ now: () => now });
    const call = client(slack);
    for (const text of ['a', 'b', 'c']) expect((await call('chat.postMessage', { channel: 'eng', text })).json.ok).toBe(true);
    expect((await call('chat.postMessage', { channel: 'eng', text: 'd' })).status).toBe(429);
    now += 1000;
    expect((await call('chat.postMessage', { channel: 'eng', text: 'd' })).json.ok).toBe(true);
    expect((await call('chat.postMessage', { channel: 'eng', text: 'e' })).status).toBe(429);
  });

  it('keeps the per-method workspace limit too (conversations.list: Tier 2, 20 a minute)', async () => {
    const slack = createSlackEmulator();
    const call = client(slack);
    for (let i = 0; i < 20; i++) expect((await call('conversations.list')).status).toBe(200);
    const refused = await call('conversations.list');
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ ok: false, error: 'ratelimited' });
  });
});

describe('Slack data controls', () => {
  it('seeds channels and reads state over /_emulator/slack', async () => {
    const slack = createSlackEmulator();
    const seeded = await slack.app.request('/_emulator/slack/channels', { method: 'POST', body: JSON.stringify({ name: 'launch', botIsMember: false }) });
    expect(seeded.status).toBe(201);
    const channel = await seeded.json();
    expect(channel).toMatchObject({ name: 'launch', isPrivate: false, botIsMember: false, id: expect.stringMatching(/^C0[0-9A-Z]{8,}$/) });
    expect((await slack.app.request('/_emulator/slack/channels', { method: 'POST', body: JSON.stringify({ name: 'launch' }) })).status).toBe(400);
    await client(slack)('chat.postMessage', { channel: 'general', text: 'hi' });
    const state = await (await slack.app.request('/_emulator/slack/state')).json();
    expect(state.channels.map((c: { name: string }) => c.name)).toEqual(['general', 'eng', 'sales', 'deal-desk', 'launch']);
    expect(state.messages).toEqual([expect.objectContaining({ channelName: 'general', text: 'hi' })]);
    expect(createSlackEmulator({ seed: false }).snapshot()).toEqual({ channels: [], messages: [] });
  });
});

describe('Slack conversations.info and the invite-bot control', () => {
  it('reads one channel by id; an unknown or hidden private one is channel_not_found', async () => {
    const slack = createSlackEmulator();
    const call = client(slack);
    expect((await call('conversations.info', { channel: 'C0WEFTENG01' })).json).toMatchObject({ ok: true, channel: { id: 'C0WEFTENG01', name: 'eng', is_member: true } });
    expect((await call('conversations.info', { channel: 'C0NOPE' })).json).toEqual({ ok: false, error: 'channel_not_found' });
  });

  it('inviting the bot over HTTP lets it post where it was refused', async () => {
    const slack = createSlackEmulator();
    const post = () => client(slack)('chat.postMessage', { channel: 'C0WEFTSAL01', text: 'Renewal signed' });
    expect((await post()).json).toMatchObject({ ok: false, error: 'not_in_channel' });
    const invited = await slack.app.request('/_emulator/slack/channels/%23sales/invite-bot', { method: 'POST' });
    expect(await invited.json()).toMatchObject({ id: 'C0WEFTSAL01', botIsMember: true });
    expect((await post()).json).toMatchObject({ ok: true });
    expect((await slack.app.request('/_emulator/slack/channels/nope/invite-bot', { method: 'POST' })).status).toBe(404);
  });
});

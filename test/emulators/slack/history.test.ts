import { describe, expect, it } from 'vitest';
import { createSlackEmulator, type SlackEmulator } from './index';

function client(slack: SlackEmulator, token = slack.issueToken()) {
  return async (method: string, args: Record<string, unknown> = {}) => {
    const res = await slack.app.request(`/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(args),
    });
    return { status: res.status, json: (await res.json()) as any };
  };
}

describe('Slack message metadata and conversations.history', () => {
  it('keeps a post\'s metadata and lists the channel newest first, with metadata only when asked', async () => {
    const slack = createSlackEmulator();
    const call = client(slack);
    const metadata = { event_type: 'weft_action', event_payload: { idempotency_key: 'run_1:notify' } };
    const first = await call('chat.postMessage', { channel: 'C0WEFTENG01', text: 'one', metadata });
    const second = await call('chat.postMessage', { channel: 'eng', text: 'two' });
    expect([first.json.ok, second.json.ok]).toEqual([true, true]);
    expect(first.json.message.metadata).toBeUndefined();

    const plain = await call('conversations.history', { channel: 'C0WEFTENG01' });
    expect(plain.json.messages.map((m: { text: string }) => m.text)).toEqual(['two', 'one']);
    expect(plain.json.messages[1].metadata).toBeUndefined();
    const withMeta = await call('conversations.history', { channel: 'C0WEFTENG01', include_all_metadata: true, oldest: Number(first.json.ts) - 1 });
    expect(withMeta.json.messages[1]).toMatchObject({ ts: first.json.ts, metadata });
    expect(withMeta.json.has_more).toBe(false);

    const newer = await call('conversations.history', { channel: 'C0WEFTENG01', oldest: first.json.ts });
    expect(newer.json.messages.map((m: { text: string }) => m.text)).toEqual(['two']);
    const paged = await call('conversations.history', { channel: 'C0WEFTENG01', limit: 1 });
    expect(paged.json).toMatchObject({ has_more: true, messages: [{ text: 'two' }] });
    const rest = await call('conversations.history', { channel: 'C0WEFTENG01', limit: 1, cursor: paged.json.response_metadata.next_cursor });
    expect(rest.json.messages.map((m: { text: string }) => m.text)).toEqual(['one']);
  });

  it('refuses bad metadata, a missing history scope and channels the bot is not in, as Slack does', async () => {
    const slack = createSlackEmulator();
    const call = client(slack);
    expect((await call('chat.postMessage', { channel: 'eng', text: 'x', metadata: '{' })).json.error).toBe('invalid_metadata_format');
    expect((await call('chat.postMessage', { channel: 'eng', text: 'x', metadata: { event_type: 'weft' } })).json.error).toBe('invalid_metadata_schema');
    const noHistory = client(slack, slack.issueToken({ scopes: ['chat:write', 'channels:read'] }));
    expect((await noHistory('conversations.history', { channel: 'eng' })).json).toEqual({ ok: false, error: 'missing_scope', needed: 'channels:history', provided: 'chat:write,channels:read' });
    expect((await call('conversations.history', { channel: 'sales' })).json.error).toBe('not_in_channel');
    expect((await call('conversations.history', { channel: 'C0NOSUCH01' })).json.error).toBe('channel_not_found');
  });
});

import { SSEStreamingApi } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import type { WeftEvent } from '../../shared/protocol/events';
import { PushFrame } from './push-frame';

const event = (payload: unknown): WeftEvent => ({
  id: 42, type: 'custom.x', provider: 'custom', workspaceId: 'wsp_a', connectionId: null, deliveryId: 7,
  summary: { title: 'A thing', url: null, actor: null, assignees: [], mentions: [], subject: null }, payload, createdAt: '2026-01-01T00:00:00.000Z',
});

/** What hono's own writeSSE writes for this record. */
async function honoRecord(data: string, id: string): Promise<string> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const api = new SSEStreamingApi(writable, readable);
  const reader = api.responseReadable.getReader();
  const written = api.writeSSE({ id, event: 'weft', data });
  const { value } = await reader.read();
  await written;
  return new TextDecoder().decode(value);
}

describe('a push frame', () => {
  it('is the event message as text, as UTF-8 bytes, and as the SSE record hono would write, each built once', async () => {
    const frame = new PushFrame(event({ title: 'naïve ✓' }));
    expect(JSON.parse(frame.text)).toEqual({ type: 'event', event: event({ title: 'naïve ✓' }) });
    expect(frame.bytes.equals(Buffer.from(frame.text, 'utf8'))).toBe(true);
    expect(frame.bytes).toBe(frame.bytes);
    expect(frame.sse).toBe(frame.sse);
    expect(frame.sse.toString('utf8')).toBe(await honoRecord(frame.text, '42'));
  });

  it('a message with line breaks (a pretty-printed body spliced in) is split into data: lines, as hono does', async () => {
    const text = '{"type":"event","event":{"id":42,"payload":{\n  "a": 1\r\n}}}';
    const frame = new PushFrame(event(null), text);
    expect(frame.sse.toString('utf8')).toBe(await honoRecord(text, '42'));
    expect(frame.sse.toString('utf8')).toContain('data:   "a": 1\n');
  });
});

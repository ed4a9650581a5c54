import { afterEach, describe, expect, it } from 'vitest';
import type { WeftEvent } from '../../shared/protocol/events';
import type { RunningWeft } from '../start';
import { fetchParsed, parseServerMessage } from '../testing/contract';
import { forEachEngine } from '../store/testing/engines';
import { connectPush, fire, makeEndpoint, signUpLive, startLiveWeft, until } from '../testing/live-server';

let weft: RunningWeft | undefined;
afterEach(async () => weft?.close());

/**
 * Stores what intake accepted before depth was bounded: a custom delivery whose body (the
 * event's payload, stored once) nests 5,000 levels. JSON.stringify of it overflows the stack.
 */
async function storeLegacyDeepEvent(live: Awaited<ReturnType<typeof startLiveWeft>>, workspaceId: string, endpointId: string) {
  const body = `{"title":"deep","x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  const result = await live.weft.deps.events.record({
    provider: 'custom', endpointId, eventType: `custom.${endpointId}`, status: 'accepted', reason: null,
    workspaceIds: [workspaceId], bodyPreview: body.slice(0, 500), body,
    items: [{ key: null, events: [{
      workspaceId, connectionId: null, type: `custom.${endpointId}`, provider: 'custom', payload: JSON.parse(body), payloadIsBody: true,
      summary: { title: 'Test: deep', url: null, actor: null, assignees: [], mentions: [], subject: null },
    }] }],
  });
  return result;
}

async function sseIds(url: string, token: string, count: number) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/events/stream`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': '0' }, signal: controller.signal });
  const reader = res.body!.getReader();
  let text = '';
  while ((text.match(/^id: /gm) ?? []).length < count) text += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  return [...text.matchAll(/^data: (.*)$/gm)].map((m) => parseServerMessage(m[1]!)).flatMap((m) => (m.type === 'event' ? [m.event] : []));
}

forEachEngine('a stored event that cannot be serialised breaks no read', (engine) => {
  it('catch-up over /api/events, SSE and WebSocket serves a placeholder in its place; the server stays up; replay refuses it with a 400', async () => {
    const live = await startLiveWeft({ engine });
    weft = live.weft;
    const ada = await signUpLive(live.url, 'ada@example.com');
    const { id: hook } = await makeEndpoint(live.url, ada.token);
    await fire(live.url, hook, 'before');
    const deep = await storeLegacyDeepEvent(live, ada.user.workspaceId, hook);
    await fire(live.url, hook, 'after');
    const auth = { authorization: `Bearer ${ada.token}` };

    const page = await fetchParsed(`${live.url}/api/events?after=0`, { headers: auth });
    expect(page.status).toBe(200);
    const events = page.json.events as WeftEvent[];
    expect(events.map((e) => e.summary.title)).toEqual(['Test: before', 'Test: deep', 'Test: after']);
    expect(events[1]!.payload).toEqual({ omitted: 'too_deep', message: expect.stringContaining('64 levels') });
    expect(events[1]!.id).toBe(deep.events[0]!.id);

    expect((await sseIds(live.url, ada.token, 3)).map((e) => e.payload)).toEqual([{ title: 'before' }, events[1]!.payload, { title: 'after' }]);

    // The extension reconnects from an older cursor: the catch-up reaches the event.
    const client = connectPush(live.url, ada.token, 0);
    await until(() => client.events.length === 3);
    expect(client.events.map((e) => e.summary.title)).toEqual(['Test: before', 'Test: deep', 'Test: after']);
    await fire(live.url, hook, 'still live');
    await until(() => client.events.length === 4);
    expect((await fetch(`${live.url}/health`)).status).toBe(200);

    const replay = await fetchParsed(`${live.url}/api/deliveries/${deep.deliveryId}/replay`, { method: 'POST', headers: auth });
    expect(replay.status).toBe(400);
    expect(replay.json.error.message).toContain('64 levels');
    client.ws.close();
  });
});

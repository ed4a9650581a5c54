import { afterEach, describe, expect, it } from 'vitest';
import type { RunningWeft } from '../start';
import { forEachEngine } from '../store/testing/engines';
import { connectPush, fire, makeEndpoint, signUpLive, startLiveWeft, until } from '../testing/live-server';

let weft: RunningWeft | undefined;
afterEach(async () => weft?.close());

forEachEngine('one hello per WebSocket', (engine) => {
  it('five hellos back to back: one subscription, each event delivered once, every extra hello answered with an error', async () => {
    const live = await startLiveWeft({ engine });
    weft = live.weft;
    const ada = await signUpLive(live.url, 'ada@example.com');
    const { id: hook } = await makeEndpoint(live.url, ada.token);
    for (const n of [1, 2, 3]) await fire(live.url, hook, `before ${n}`);

    const client = connectPush(live.url, ada.token, 0, 5);
    await until(() => client.events.length >= 3);
    await fire(live.url, hook, 'live 4');
    await fire(live.url, hook, 'sentinel');
    // Every copy of an earlier event would arrive before the sentinel (one socket, in order).
    await until(() => client.events.some((e) => e.summary.title === 'Test: sentinel'));
    expect(client.events.map((e) => e.summary.title)).toEqual(['Test: before 1', 'Test: before 2', 'Test: before 3', 'Test: live 4', 'Test: sentinel']);
    expect(client.messages.filter((m) => m.type === 'ready')).toHaveLength(1);
    const errors = client.messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/already said hello/) });
    expect(live.weft.deps.hub.clientCount).toBe(1);
    expect(client.ws.readyState).toBe(client.ws.OPEN);

    client.ws.close();
    await until(() => live.weft.deps.hub.clientCount === 0);
  });

  it('ready gives the log’s latest id, on the WebSocket and first on the SSE stream, whatever the cursor', async () => {
    const live = await startLiveWeft({ engine });
    weft = live.weft;
    const ada = await signUpLive(live.url, 'ada@example.com');
    const bob = await signUpLive(live.url, 'bob@example.com');
    const { id: adaHook } = await makeEndpoint(live.url, ada.token);
    const { id: bobHook } = await makeEndpoint(live.url, bob.token);
    await fire(live.url, adaHook, 'one');
    await fire(live.url, bobHook, 'bob’s, the newest');
    const bobs = connectPush(live.url, bob.token, 0);
    await until(() => bobs.events.length === 1);
    const newest = bobs.events[0]!.id;

    // The log's id, not the newest of Ada's own events.
    const fresh = connectPush(live.url, ada.token, 0);
    await until(() => fresh.messages.length > 0);
    expect(fresh.messages[0]).toEqual({ type: 'ready', user: { id: ada.user.id, email: 'ada@example.com' }, cursor: 0, latestId: newest });
    // A cursor from a log that no longer exists (a restored database): the client can tell.
    const ahead = connectPush(live.url, ada.token, newest + 1_000);
    await until(() => ahead.messages.length > 0);
    expect(ahead.messages[0]).toMatchObject({ type: 'ready', cursor: newest + 1_000, latestId: newest });

    const res = await fetch(`${live.url}/api/events/stream`, { headers: { authorization: `Bearer ${ada.token}`, 'last-event-id': String(newest + 1_000) } });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text.split('\n\n')[0]).toBe(`event: weft\ndata: ${JSON.stringify({ type: 'ready', user: { id: ada.user.id, email: 'ada@example.com' }, cursor: newest + 1_000, latestId: newest })}`);
    for (const c of [bobs, fresh, ahead]) c.ws.close();
  });

  it('a frame larger than 64 KiB closes the socket (1009) before the server buffers it, and the server stays up', async () => {
    const live = await startLiveWeft({ engine });
    weft = live.weft;
    const client = connectPush(live.url, 'not-a-session', 0, 0);
    await new Promise((resolve) => client.ws.once('open', resolve));
    client.ws.send('x'.repeat(65 * 1024));
    expect((await client.closed).code).toBe(1009);
    expect((await fetch(`${live.url}/health`)).status).toBe(200);
  });
});

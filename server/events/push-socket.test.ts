import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../shared/protocol/push-messages';
import { parseServerMessage } from '../testing/contract';
import { forEachEngine } from '../store/testing/engines';
import { until } from '../testing/live-server';
import { createTestApp, type TestApp } from '../testing/test-app';
import { PushSocket } from './push-socket';

let t: TestApp | undefined;
afterEach(async () => t?.close());

/** A WebSocket stand-in that records what the server sends and how it closes. */
function fakeSocket() {
  const sent: ServerMessage[] = [];
  const closes: { code?: number; reason?: string }[] = [];
  return { sent, closes, ws: { send: (text: string) => void sent.push(parseServerMessage(text)), close: (code?: number, reason?: string) => void closes.push({ code, reason }), raw: { bufferedAmount: 0 } } };
}

/** Holds every session check until `release()`: the window in which a socket can close. */
function holdSessionChecks(t: TestApp) {
  const check = t.deps.lucia.validateSession.bind(t.deps.lucia);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  t.deps.lucia.validateSession = (async (token: string) => {
    await gate;
    return check(token);
  }) as typeof t.deps.lucia.validateSession;
  return release;
}

forEachEngine('PushSocket', (engine) => {
  it('hellos sent before the first is checked start one subscription; the others get an error', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const release = holdSessionChecks(t);
    const { sent, closes, ws } = fakeSocket();
    const socket = new PushSocket(t.deps, ws);
    const hello = JSON.stringify({ type: 'hello', token: ada.token, cursor: 0 });
    const handled = [1, 2, 3, 4, 5].map(() => socket.message(hello));
    release();
    await Promise.all(handled);
    expect(sent.filter((m) => m.type === 'ready')).toHaveLength(1);
    expect(sent.filter((m) => m.type === 'error')).toHaveLength(4);
    expect(closes).toEqual([]);
    expect(t.deps.hub.clientCount).toBe(1);
    socket.closedByPeer();
    expect(t.deps.hub.clientCount).toBe(0);
  });

  it('a socket that closes while its hello is being checked starts no subscription', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const release = holdSessionChecks(t);
    const { sent, ws } = fakeSocket();
    const socket = new PushSocket(t.deps, ws);
    const handled = socket.message(JSON.stringify({ type: 'hello', token: ada.token, cursor: 0 }));
    socket.closedByPeer();
    release();
    await handled;
    expect(sent).toEqual([]);
    expect(t.deps.hub.clientCount).toBe(0);
  });

  it('every socket is sent the same Buffer for an event, as a text frame: encoded once, not once per client', async () => {
    t = await createTestApp({}, { engine });
    const ada = await t.signUp();
    const sent: { data: Buffer; options: { binary: boolean } }[][] = [[], []];
    const texts: string[][] = [[], []];
    const sockets = sent.map((frames, i) => new PushSocket(t!.deps, {
      send: (text: string) => void texts[i]!.push(text),
      close: () => {},
      raw: { bufferedAmount: 0, send: (data: Buffer, options: { binary: boolean }) => void frames.push({ data, options }) },
    }));
    for (const socket of sockets) await socket.message(JSON.stringify({ type: 'hello', token: ada.token, cursor: 0 }));
    await until(() => t!.deps.hub.clientCount === 2);
    await t.deps.events.append([{ workspaceId: ada.user.workspaceId, type: 'test.thing', provider: 'test', connectionId: null, payload: { n: 1 }, summary: { title: 'One', url: null, actor: null, assignees: [], mentions: [], subject: null } }]);
    await until(() => sent.every((frames) => frames.length === 1));
    expect(sent[0]![0]!.data).toBeInstanceOf(Buffer);
    expect(sent[1]![0]!.data).toBe(sent[0]![0]!.data);
    expect(sent[0]![0]!.options).toEqual({ binary: false });
    expect(parseServerMessage(sent[0]![0]!.data.toString('utf8'))).toMatchObject({ type: 'event', event: { payload: { n: 1 } } });
    // Protocol messages are text through hono's socket; only events take the shared bytes.
    expect(texts.map((list) => list.map((text) => parseServerMessage(text).type))).toEqual([['ready'], ['ready']]);
    for (const socket of sockets) socket.closedByPeer();
  });

  it('a frame nested too deep is an invalid_request error, like any other malformed frame', async () => {
    t = await createTestApp({}, { engine });
    const { sent, ws } = fakeSocket();
    await new PushSocket(t.deps, ws).message('['.repeat(10_000) + ']'.repeat(10_000));
    expect(sent).toEqual([{ type: 'error', code: 'invalid_request', message: expect.stringContaining('hello') }]);
  });
});

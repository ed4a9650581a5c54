import { afterEach, beforeEach, expect, it } from 'vitest';
import { connectPush as connect, fire as fireTitled, makeEndpoint as makeLiveEndpoint, signUpLive as signUp, startLiveWeft, until } from '../testing/live-server';
import type { RunningWeft } from '../start';
import type { Engine } from '../store/engine';
import { createTestDatabase, forEachEngine } from '../store/testing/engines';
import type { WeftEvent } from '../../shared/protocol/events';
import { fetchParsed } from '../testing/contract';

let weft: RunningWeft | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await weft?.close();
  weft = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

let engine: Engine = 'sqlite';
/** A live server on the engine under test; with `dataDir`/`databaseUrl` and `key`, a restart on the same data. */
async function start(options: { dataDir?: string; key?: string; databaseUrl?: string } = {}) {
  const live = await startLiveWeft({ ...options, engine });
  weft = live.weft;
  return live;
}

/** An unsigned custom endpoint's id: the simplest way to make events for a user. */
const makeEndpoint = async (url: string, token: string) => (await makeLiveEndpoint(url, token)).id;
const fire = (url: string, endpoint: string, n: number) => fireTitled(url, endpoint, `event ${n}`);


forEachEngine('push over WebSocket', (current) => {
  beforeEach(() => void (engine = current));

  it('sends everything after the cursor, then live events, each once and in order; only the user’s own', async () => {
    const { url } = await start();
    const ada = await signUp(url, 'ada@example.com');
    const bob = await signUp(url, 'bob@example.com');
    const adaHook = await makeEndpoint(url, ada.token);
    const bobHook = await makeEndpoint(url, bob.token);
    for (let i = 1; i <= 3; i++) await fire(url, adaHook, i);
    await fire(url, bobHook, 99);

    const client = connect(url, ada.token, 0);
    await until(() => client.events.length === 3);
    expect(client.messages[0]).toMatchObject({ type: 'ready', user: { id: ada.user.id } });
    // Replayed from the log: the payload is the webhook's body (stored once, joined back).
    expect(client.events[0]!.payload).toEqual({ title: 'event 1' });
    // A resume from the second event's id gets only the third.
    const resumed = connect(url, ada.token, client.events[1]!.id);
    await until(() => resumed.events.length === 1);
    expect(resumed.events[0]!.summary.title).toBe('Test: event 3');

    await Promise.all([fire(url, adaHook, 4), fire(url, adaHook, 5), fire(url, bobHook, 100)]);
    // A last event, written after all of those: a socket delivers in log order, so once it
    // is here, a duplicate or Bob's event would have arrived before it.
    await fire(url, adaHook, 6);
    await until(() => client.events.some((e) => e.summary.title === 'Test: event 6'));
    // Live: the raw body text is spliced into the message; it must parse to the same object.
    expect(client.events.slice(3).map((e) => e.payload)).toEqual(expect.arrayContaining([{ title: 'event 4' }, { title: 'event 5' }]));
    const ids = client.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(client.events.map((e) => e.summary.title).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Test: event ${n}`));
    expect(new Set(ids).size).toBe(6);
    expect(client.events.every((e) => e.workspaceId === ada.user.workspaceId)).toBe(true);
    client.ws.close();
    resumed.ws.close();
  });

  it('a bad token gets an error and close code 4401', async () => {
    const { url } = await start();
    const client = connect(url, 'not-a-session', 0);
    expect((await client.closed).code).toBe(4401);
    expect(client.messages[0]).toMatchObject({ type: 'error', code: 'unauthorized' });
  });

  it('resumes across a server restart from the client’s cursor: nothing lost, nothing twice', async () => {
    // On PostgreSQL the database outlives the server; on SQLite the data folder does.
    const database = engine === 'postgres' ? await createTestDatabase() : undefined;
    if (database) cleanups.push(database.drop);
    const first = await start({ databaseUrl: database?.url });
    const ada = await signUp(first.url, 'ada@example.com');
    const hook = await makeEndpoint(first.url, ada.token);
    await fire(first.url, hook, 1);
    const before = connect(first.url, ada.token, 0);
    await until(() => before.events.length === 1);
    const cursor = before.events[0]!.id;
    await weft!.close();
    weft = undefined;

    // Events arrive while the client is away (here: written by the restarted server).
    const second = await start({ dataDir: first.dataDir, key: first.key, databaseUrl: database?.url });
    for (let i = 2; i <= 4; i++) await fire(second.url, hook, i);
    const after = connect(second.url, ada.token, cursor);
    await until(() => after.events.length === 3);
    expect(after.events.map((e) => e.summary.title)).toEqual(['Test: event 2', 'Test: event 3', 'Test: event 4']);
    after.ws.close();
  });
});

forEachEngine('SSE and catch-up', (current) => {
  beforeEach(() => void (engine = current));

  it('GET /api/events/stream honours Last-Event-ID', async () => {
    const { url } = await start();
    const ada = await signUp(url, 'ada@example.com');
    const hook = await makeEndpoint(url, ada.token);
    for (let i = 1; i <= 3; i++) await fire(url, hook, i);
    const all = (await fetchParsed(`${url}/api/events?after=0`, { headers: { authorization: `Bearer ${ada.token}` } })).json as { events: WeftEvent[]; cursor: number };
    const customEvents = all.events.filter((e) => e.type.startsWith('custom.'));
    const controller = new AbortController();
    const res = await fetch(`${url}/api/events/stream`, {
      headers: { authorization: `Bearer ${ada.token}`, 'last-event-id': String(customEvents[0]!.id) },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/^id: /gm) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([customEvents[1]!.id, customEvents[2]!.id]);
  });
});

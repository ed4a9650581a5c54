import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../db';
import { pushStatus, session } from '../settings';
import { FakeSocket } from '../testing/fake-socket';
import { startPush } from './background-push';

const user = { id: 'u1', email: 'ada@example.com', workspaceId: 'w1' };
const fetchMock = vi.fn<typeof fetch>();
const waitFor = (check: () => unknown) => vi.waitFor(check, { timeout: 2_000, interval: 5 });
const last = () => FakeSocket.all.at(-1)!;
let push: ReturnType<typeof startPush> | undefined;

beforeEach(async () => {
  fakeBrowser.reset();
  await db.delete();
  await db.open();
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('fetch', fetchMock);
  fetchMock.mockReset();
  fetchMock.mockImplementation(async () => Response.json({ events: [], cursor: 0 }));
  await session.setValue({ token: 'tok', user });
});
afterEach(() => {
  push?.stop();
  vi.unstubAllGlobals();
});

describe('startPush', () => {
  it('connects to the saved server with the session', async () => {
    push = startPush();
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    expect(last().url).toBe('ws://localhost:8787/api/events/ws');
  });

  it('tick (the alarm): reconnects a dropped socket at once and catches up over HTTP', async () => {
    push = startPush();
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    last().drop(1006);
    await push.tick();
    expect(FakeSocket.all).toHaveLength(2);
    expect(fetchMock.mock.calls[0]![0]).toBe('http://localhost:8787/api/events?after=0&limit=500');
  });

  it('stop closes the socket and says offline; restart opens a new one', async () => {
    push = startPush();
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    push.stop();
    await waitFor(() => expect(FakeSocket.all[0]!.closedBy).toBe(1000));
    await waitFor(async () => expect((await pushStatus.getValue()).state).toBe('offline'));
    await push.restart();
    expect(FakeSocket.all).toHaveLength(2);
  });
});

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Connection } from '@@/shared/protocol';
import { api } from './api';
import { ApiError } from './api-error';
import { db } from './db';
import { serverUrl, session, sessionNotice } from './settings';

const user = { id: 'u1', email: 'ada@example.com', workspaceId: 'w1' };
const connection: Connection = {
  id: 'c1',
  provider: 'github',
  name: 'GitHub',
  workspaceId: 'w1',
  createdBy: 'u1',
  authMode: 'oauth2',
  account: { id: '1', label: 'octocat' },
  status: 'active',
  statusReason: null,
  scopes: ['repo'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastUsedAt: null,
  expiresAt: null,
};

const fetchMock = vi.fn<typeof fetch>();
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.stubGlobal('fetch', fetchMock);
  fetchMock.mockReset();
  await db.connections.clear();
});
afterEach(() => vi.unstubAllGlobals());

describe('api client', () => {
  it('says which server it cannot reach', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await serverUrl.setValue('https://weft.example.com');
    const err = await caught(api.signIn({ email: 'ada@example.com', password: 'correct horse' }));
    expect(err).toMatchObject({ status: 0, code: 'unreachable' });
    expect(err.message).toBe("Can't reach the Weft server at https://weft.example.com. Is it running?");
  });

  it('reports a timeout apart from an unreachable server', async () => {
    fetchMock.mockRejectedValue(new DOMException('timed out', 'TimeoutError'));
    expect(await caught(api.connections())).toMatchObject({ code: 'timeout' });
  });

  it('turns the contract error body into an ApiError', async () => {
    fetchMock.mockResolvedValue(json(400, { error: { code: 'provider_rejected', message: 'HubSpot says: token expired.' } }));
    const err = await caught(api.createConnection({ provider: 'hubspot', credentials: { token: 'pat-na1-xxxxxxxx' } }));
    expect(err).toMatchObject({ status: 400, code: 'provider_rejected', message: 'HubSpot says: token expired.' });
  });

  it('keeps the rate limit and Retry-After', async () => {
    const body = { error: { code: 'rate_limited', message: 'Too many sign-in attempts.' } };
    fetchMock.mockResolvedValue(json(429, body, { 'Retry-After': '30' }));
    const err = await caught(api.signIn({ email: 'ada@example.com', password: 'whatever1' }));
    expect(err).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 30 });
  });

  it('says how long to wait in minutes, whatever the server wrote', async () => {
    const body = { error: { code: 'rate_limited', message: 'Too many attempts. Try again in 899 seconds.' } };
    fetchMock.mockResolvedValue(json(429, body, { 'Retry-After': '899' }));
    const err = await caught(api.signIn({ email: 'ada@example.com', password: 'whatever1' }));
    expect(err.message).toBe('Too many attempts. Try again in 15 minutes.');
    fetchMock.mockResolvedValue(new Response('slow down', { status: 429 }));
    expect((await caught(api.providers())).message).toBe('Too many attempts. Wait a moment, then try again.');
  });

  it('explains a non-JSON error page', async () => {
    fetchMock.mockResolvedValue(new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));
    const err = await caught(api.providers());
    expect(err).toMatchObject({ status: 502, code: 'bad_response' });
    expect(err.message).toBe('The Weft server at http://localhost:8787 answered 502 Bad Gateway.');
  });

  it('rejects a 2xx answer that does not match the contract', async () => {
    fetchMock.mockResolvedValue(json(200, { connections: [{ id: 1 }] }));
    expect(await caught(api.connections())).toMatchObject({ code: 'bad_response' });
  });

  it('sends the Bearer token and a JSON body, and parses the answer', async () => {
    await session.setValue({ token: 'tok', user });
    fetchMock.mockResolvedValue(json(200, { connection }));
    await expect(api.updateConnection('c1', { name: 'Work' })).resolves.toEqual({ connection });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('http://localhost:8787/api/connections/c1');
    expect(init).toMatchObject({ method: 'PATCH', body: '{"name":"Work"}' });
    expect(init?.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
  });
});

describe('a 401', () => {
  it('answering an old token leaves a newer session alone', async () => {
    await session.setValue({ token: 'old', user });
    fetchMock.mockImplementation(async () => {
      await session.setValue({ token: 'new', user });
      return json(401, { error: { code: 'unauthorized', message: 'Sign in again.' } });
    });
    await caught(api.connections());
    expect(await session.getValue()).toMatchObject({ token: 'new' });
    expect(await sessionNotice.getValue()).toBeNull();
  });

  it('on an authed call ends the session, says why and clears cached connections', async () => {
    await session.setValue({ token: 'old', user });
    await db.connections.put(connection);
    fetchMock.mockResolvedValue(json(401, { error: { code: 'unauthorized', message: 'Sign in again.' } }));
    expect(await caught(api.connections())).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(await session.getValue()).toBeNull();
    expect(await sessionNotice.getValue()).toBe('Your session ended, sign in again.');
    expect(await db.connections.count()).toBe(0);
  });

  it('from sign-in is only a wrong password and leaves everything alone', async () => {
    await session.setValue({ token: 'keep', user });
    const body = { error: { code: 'invalid_credentials', message: 'Email or password is incorrect.' } };
    fetchMock.mockResolvedValue(json(401, body));
    const err = await caught(api.signIn({ email: 'ada@example.com', password: 'wrong-password' }));
    expect(err.message).toBe('Email or password is incorrect.');
    expect(await session.getValue()).toMatchObject({ token: 'keep' });
    expect(await sessionNotice.getValue()).toBeNull();
  });
});

describe('events, deliveries and webhooks', () => {
  const delivery = {
    id: 7,
    provider: 'github',
    endpointId: null,
    eventType: 'issues',
    status: 'rejected',
    reason: 'Bad signature.',
    receivedAt: '2026-03-01T00:00:00Z',
    bodyPreview: '{}',
    eventCount: 0,
  };

  beforeEach(() => session.setValue({ token: 'tok', user }));

  it('asks for deliveries with only the filters set, and an older page by its cursor', async () => {
    fetchMock.mockImplementation(async () => json(200, { deliveries: [delivery], next: 7 }));
    await expect(api.deliveries({ provider: 'github', status: undefined, limit: 50 })).resolves.toEqual({ deliveries: [delivery], next: 7 });
    expect(fetchMock.mock.calls[0]![0]).toBe('http://localhost:8787/api/deliveries?provider=github&limit=50');
    await api.deliveries();
    expect(fetchMock.mock.calls[1]![0]).toBe('http://localhost:8787/api/deliveries');
    await api.deliveries({ status: 'rejected', before: 7 });
    expect(fetchMock.mock.calls[2]![0]).toBe('http://localhost:8787/api/deliveries?status=rejected&before=7');
  });

  it('refuses a page without its cursor: the contract says whether another page follows', async () => {
    fetchMock.mockImplementation(async () => json(200, { deliveries: [delivery] }));
    await expect(api.deliveries()).rejects.toThrow();
  });

  it('keeps the server’s count of rejected requests it did not log one by one', async () => {
    const notLogged = { count: 1950, message: '1,950 more rejected requests were dropped in the last 24 hours.' };
    fetchMock.mockImplementation(async () => json(200, { deliveries: [delivery], next: null, rejectedNotLogged: notLogged }));
    await expect(api.deliveries()).resolves.toEqual({ deliveries: [delivery], next: null, rejectedNotLogged: notLogged });
  });

  it('catches up after a cursor, and rejects events outside the contract', async () => {
    const event = {
      id: 5,
      type: 'slack.message',
      provider: 'slack',
      workspaceId: 'w1',
      connectionId: null,
      deliveryId: null,
      summary: { title: 'hi', url: null, actor: null },
      payload: {},
      createdAt: '2026-03-01T00:00:00Z',
    };
    fetchMock.mockResolvedValue(json(200, { events: [event], cursor: 5 }));
    const page = await api.events(4, 500);
    expect(fetchMock.mock.calls[0]![0]).toBe('http://localhost:8787/api/events?after=4&limit=500');
    expect(page.events[0]?.summary).toMatchObject({ assignees: [], mentions: [], subject: null });
    fetchMock.mockResolvedValue(json(200, { events: [{ ...event, id: 'x' }], cursor: 5 }));
    expect(await caught(api.events(4))).toMatchObject({ code: 'bad_response' });
  });

  it('replays a delivery and creates and deletes webhooks', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { delivery: { ...delivery, status: 'accepted' }, events: 2 }));
    await expect(api.replayDelivery(7)).resolves.toMatchObject({ events: 2 });
    expect(fetchMock.mock.calls[0]).toMatchObject(['http://localhost:8787/api/deliveries/7/replay', { method: 'POST' }]);

    const created = { id: 'ep1', name: 'CI', url: 'http://localhost:8787/hooks/custom/ep1', signed: true, createdAt: '2026-03-01T00:00:00Z', secret: 'whsec_x' };
    fetchMock.mockResolvedValueOnce(json(201, created));
    await expect(api.createWebhook({ name: 'CI', signed: true })).resolves.toEqual(created);
    expect(fetchMock.mock.calls[1]![1]).toMatchObject({ method: 'POST', body: '{"name":"CI","signed":true}' });

    fetchMock.mockResolvedValueOnce(json(200, { deleted: true }));
    await expect(api.deleteWebhook('ep/1')).resolves.toEqual({ deleted: true });
    expect(fetchMock.mock.calls[2]![0]).toBe('http://localhost:8787/api/webhooks/ep%2F1');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningWeft } from '../start';
import { forEachEngine } from '../store/testing/engines';
import { connectPush, fire, makeEndpoint, signUpLive, startLiveWeft, until } from '../testing/live-server';
import { SESSION_RECHECK_MS } from './session-watch';

let weft: RunningWeft | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await weft?.close();
});

async function signIn(url: string, email: string) {
  const res = await fetch(`${url}/api/auth/signin`, { method: 'POST', body: JSON.stringify({ email, password: 'correct horse battery' }) });
  return ((await res.json()) as { token: string }).token;
}

/** An SSE stream; `ended` resolves when the server ends it. */
async function openSse(url: string, token: string) {
  const res = await fetch(`${url}/api/events/stream`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const state = { text: '', ended: false };
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      state.text += new TextDecoder().decode(value);
    }
    state.ended = true;
  })();
  // Awaited by the tests that expect an end; a stream cut when the server closes is no news elsewhere.
  ended.catch(() => {});
  return { state, ended, cancel: () => reader.cancel() };
}

forEachEngine('live push ends with the session', (engine) => {
  it('sign-out closes that session’s WebSocket (4401) and SSE stream at once; another session’s streams go on', async () => {
    const live = await startLiveWeft({ engine });
    weft = live.weft;
    const ada = await signUpLive(live.url, 'ada@example.com');
    const otherToken = await signIn(live.url, 'ada@example.com');
    const { id: hook } = await makeEndpoint(live.url, ada.token);

    const ws = connectPush(live.url, ada.token, 0);
    const sse = await openSse(live.url, ada.token);
    const otherWs = connectPush(live.url, otherToken, 0);
    const otherSse = await openSse(live.url, otherToken);
    await until(() => ws.messages.some((m) => m.type === 'ready') && otherWs.messages.some((m) => m.type === 'ready'));

    const out = await fetch(`${live.url}/api/auth/signout`, { method: 'POST', headers: { authorization: `Bearer ${ada.token}` } });
    expect(out.status).toBe(200);
    expect(await ws.closed).toMatchObject({ code: 4401, reason: expect.stringMatching(/signed out|session/i) });
    expect(ws.messages.at(-1)).toMatchObject({ type: 'error', code: 'unauthorized' });
    await sse.ended;
    expect(sse.state.text).toMatch(/event: weft\ndata: \{"type":"error","code":"unauthorized"/);

    await fire(live.url, hook, 'after sign-out');
    await until(() => otherWs.events.length === 1 && otherSse.state.text.includes('after sign-out'));
    expect(ws.events).toHaveLength(0);
    expect(sse.state.text).not.toContain('after sign-out');
    expect(live.weft.deps.hub.clientCount).toBe(2);
    otherWs.ws.close();
    await otherSse.cancel();
  });

  it('a session that ends without a sign-out (expired, removed) is caught by the periodic re-check', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const live = await startLiveWeft({ engine });
    weft = live.weft;
    const ada = await signUpLive(live.url, 'ada@example.com');
    const ws = connectPush(live.url, ada.token, 0);
    const sse = await openSse(live.url, ada.token);
    await until(() => ws.messages.some((m) => m.type === 'ready'));

    // Still valid at the first re-check: nothing closes.
    await vi.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
    expect(live.weft.deps.hub.clientCount).toBe(2);

    await live.weft.deps.db.deleteFrom('user_sessions').where('user_id', '=', ada.user.id).execute();
    await vi.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
    expect((await ws.closed).code).toBe(4401);
    await sse.ended;
    await until(() => live.weft.deps.hub.clientCount === 0);
  });
});

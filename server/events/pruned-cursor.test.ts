import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WeftEvent } from '../../shared/protocol/events';
import { fetchParsed, parseServerMessage } from '../testing/contract';
import type { RunningWeft } from '../start';
import { forEachEngine } from '../store/testing/engines';
import { startLiveWeft } from '../testing/live-server';
import { pruneEventsAndDeliveries } from './retention';

let weft: RunningWeft | undefined;
afterEach(async () => weft?.close());

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * A browser offline for longer than the retention keeps a cursor below the oldest event
 * left. It must get every kept event from the oldest on, each once and in order, and
 * then stop asking: no skip past kept events, no loop on the gap.
 */
forEachEngine('a cursor that points below the oldest kept event', (engine) => {
  it('GET /api/events?after= and the push hello both start from the oldest kept event and end at the newest', async () => {
    weft = (await startLiveWeft({ engine })).weft;
    const { url, deps } = weft;
    const ada = (await fetchParsed(`${url}/api/auth/signup`, { method: 'POST', body: JSON.stringify({ email: 'ada@example.com', password: 'correct horse battery' }) })).json as { token: string };
    const auth = { authorization: `Bearer ${ada.token}` };
    const endpoint = (await fetchParsed(`${url}/api/webhooks`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Test', signed: false }) })).json.id as string;
    for (let n = 1; n <= 8; n++) await fetch(`${url}/hooks/custom/${endpoint}`, { method: 'POST', body: JSON.stringify({ title: `event ${n}` }) });
    const all = (await fetchParsed(`${url}/api/events?after=0`, { headers: auth })).json.events as WeftEvent[];
    expect(all).toHaveLength(8);
    // The browser applied the first two, then went away; the first five age out.
    const browserCursor = all[1]!.id;
    await deps.db.updateTable('events').set({ created_at: '2020-01-01T00:00:00.000Z' }).where('id', '<=', all[4]!.id).execute();
    expect((await pruneEventsAndDeliveries(deps.store, Date.now(), { days: 30, eventsPerWorkspace: 1_000 })).events).toBe(5);
    const kept = all.slice(5).map((e) => e.id);

    // HTTP catch-up, two at a time as a client pages: the kept ones, then an empty page that keeps the cursor.
    const seen: number[] = [];
    let cursor = browserCursor;
    for (let page = 0; page < 5; page++) {
      const { json } = await fetchParsed(`${url}/api/events?after=${cursor}&limit=2`, { headers: auth });
      seen.push(...(json.events as WeftEvent[]).map((e) => e.id));
      if (json.events.length === 0) {
        expect(json.cursor).toBe(cursor);
        break;
      }
      cursor = json.cursor;
    }
    expect(seen).toEqual(kept);
    // The payload of a kept event is still its delivery's body: the delivery was kept with it.
    expect((await fetchParsed(`${url}/api/events?after=${browserCursor}&limit=1`, { headers: auth })).json.events[0].payload).toEqual({ title: 'event 6' });

    // Push: hello with the old cursor, then one live event that proves nothing else is coming first.
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/events/ws`);
    const pushed: number[] = [];
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token: ada.token, cursor: browserCursor })));
    ws.on('message', (data) => {
      const m = parseServerMessage(String(data));
      if (m.type === 'event') pushed.push(m.event.id);
    });
    await until(() => pushed.length === kept.length);
    await fetch(`${url}/hooks/custom/${endpoint}`, { method: 'POST', body: JSON.stringify({ title: 'live' }) });
    await until(() => pushed.length === kept.length + 1);
    expect(pushed.slice(0, -1)).toEqual(kept);
    expect(pushed.at(-1)).toBeGreaterThan(kept.at(-1)!);
    ws.close();
  });
});

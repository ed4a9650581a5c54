import { afterEach, describe, expect, it } from 'vitest';
import type { RunningWeft } from '../start';
import { forEachEngine } from '../store/testing/engines';
import { makeEndpoint, signUpLive, startLiveWeft, until } from '../testing/live-server';

let weft: RunningWeft | undefined;
afterEach(async () => weft?.close());

const EVENTS = 60;
/** 60 events of ~500 KB: about 30 MB, far past the 8 MiB a slow client may hold up. */
const padding = 'x'.repeat(500_000);

forEachEngine('an SSE client that stops reading', (engine) => {
  it('has its stream ended once 8 MiB wait for it, instead of the server holding every later event; it resumes from its last id', async () => {
    const live = await startLiveWeft({ engine });
    weft = live.weft;
    const ada = await signUpLive(live.url, 'ada@example.com');
    const { id: hook } = await makeEndpoint(live.url, ada.token);
    const auth = { authorization: `Bearer ${ada.token}` };

    const controller = new AbortController();
    const res = await fetch(`${live.url}/api/events/stream`, { headers: auth, signal: controller.signal });
    expect(res.status).toBe(200);
    // Nothing is read from `res` while the events arrive.
    for (let n = 1; n <= EVENTS; n++) {
      const sent = await fetch(`${live.url}/hooks/custom/${hook}`, { method: 'POST', body: JSON.stringify({ title: `big ${n}`, padding }) });
      expect(sent.status).toBe(202);
    }
    await until(() => live.logLines.some((l) => l.includes('fell too far behind')), 10_000);

    const reader = res.body!.getReader();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(EVENTS);

    const rest = await fetch(`${live.url}/api/events?after=${ids.at(-1)}&limit=500`, { headers: auth });
    expect(((await rest.json()) as { events: unknown[] }).events).toHaveLength(EVENTS - ids.length);
    controller.abort();
  }, 60_000);
});

import { afterEach, expect, it } from 'vitest';
import type { Engine } from '../store/engine';
import { forEachEngine } from '../store/testing/engines';
import type { WeftEvent } from '../../shared/protocol';
import { createHubspotEmulator } from '../../test/emulators/hubspot';
import { emulatorEnv } from '../../test/support/stack-env';
import { emulatedFetch } from '../testing/emulated-fetch';
import { createTestApp, type TestApp } from '../testing/test-app';

const HUBSPOT = 'http://hubspot.test';
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A user who connected HubSpot with a private-app token through the API, as the popup does. */
async function connected(engine: Engine) {
  const hubspot = createHubspotEmulator();
  t = await createTestApp(emulatorEnv('hubspot', HUBSPOT, { oauthApp: false }), { fetch: emulatedFetch({ [HUBSPOT]: hubspot.app }), engine });
  const { token } = await t.signUp();
  const res = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', name: 'Sales portal', credentials: { token: hubspot.issueToken() } } });
  const id: string = res.json.connection.id;
  let seen = 0;
  /** The connection events published since the last call. */
  const changes = async () => {
    const events: WeftEvent[] = (await t!.call('GET', `/api/events?after=${seen}`, { token })).json.events;
    seen = events.at(-1)?.id ?? seen;
    return events.filter((e) => e.type === 'connection.updated').map((e) => ({ title: e.summary.title, change: (e.payload as { change?: unknown }).change }));
  };
  return { hubspot, token, id, changes, call: t.call };
}

forEachEngine('connection.updated says what happened', (engine) => {
  it('connect, Test, rename, new key, a failing Test, delete: one change each, in words', async () => {
    const s = await connected(engine);
    expect(await s.changes()).toEqual([{ title: 'HubSpot (Sales portal) connected', change: { kind: 'connected' } }]);

    await s.call('POST', `/api/connections/${s.id}/test`, { token: s.token });
    expect(await s.changes()).toEqual([{ title: 'HubSpot (Sales portal) tested: OK', change: { kind: 'tested', ok: true, changed: false, reason: null } }]);

    await s.call('PATCH', `/api/connections/${s.id}`, { token: s.token, body: { name: 'Deals' } });
    expect(await s.changes()).toEqual([{ title: 'HubSpot (Sales portal) renamed to Deals', change: { kind: 'renamed', from: 'Sales portal' } }]);

    // The same name again changed nothing: nothing to tell.
    await s.call('PATCH', `/api/connections/${s.id}`, { token: s.token, body: { name: 'Deals' } });
    expect(await s.changes()).toEqual([]);

    const rotated = s.hubspot.issueToken();
    await s.call('PATCH', `/api/connections/${s.id}`, { token: s.token, body: { credentials: { token: rotated } } });
    expect(await s.changes()).toEqual([{ title: 'HubSpot (Deals) reconnected', change: { kind: 'reconnected' } }]);

    s.hubspot.expireAccessTokens();
    const failed = await s.call('POST', `/api/connections/${s.id}/test`, { token: s.token });
    expect(failed.json.ok).toBe(false);
    const [testedFailed] = await s.changes();
    expect(testedFailed!.change).toEqual({ kind: 'tested', ok: false, changed: true, reason: failed.json.message });
    expect(testedFailed!.title).toBe(`HubSpot (Deals) tested: failed — ${failed.json.message}`);

    await s.call('DELETE', `/api/connections/${s.id}`, { token: s.token });
    expect(await s.changes()).toEqual([{ title: 'HubSpot (Deals) deleted', change: { kind: 'deleted' } }]);
  });
});

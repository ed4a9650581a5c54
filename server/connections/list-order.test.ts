import { afterEach, expect, it } from 'vitest';
import { createHubspotEmulator } from '../../test/emulators/hubspot';
import { emulatorEnv } from '../../test/support/stack-env';
import { forEachEngine } from '../store/testing/engines';
import { emulatedFetch } from '../testing/emulated-fetch';
import { createTestApp, type TestApp } from '../testing/test-app';

const HUBSPOT = 'http://hubspot.test';
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

forEachEngine('the connection list', (engine) => {
  it('keeps its order when a connection changes, even for two made in the same millisecond', async () => {
    const hubspot = createHubspotEmulator();
    t = await createTestApp(emulatorEnv('hubspot', HUBSPOT, { oauthApp: false }), { fetch: emulatedFetch({ [HUBSPOT]: hubspot.app }), engine });
    const { token } = await t.signUp();
    for (const portalId of [101, 102, 103]) {
      const res = await t.call('POST', '/api/connections', { token, body: { provider: 'hubspot', name: `Portal ${portalId}`, credentials: { token: hubspot.issueToken({ account: { portalId } }) } } });
      expect(res.status).toBe(201);
    }
    await t.deps.db.updateTable('connections').set({ created_at: '2026-11-30T12:00:00.000Z' }).execute();
    const order = async () => ((await t!.call('GET', '/api/connections', { token })).json.connections as { id: string }[]).map((c) => c.id);
    const before = await order();
    // Renaming writes a new version of the row; on PostgreSQL that moves it in the table.
    for (const id of before.slice(0, 2)) expect((await t.call('PATCH', `/api/connections/${id}`, { token, body: { name: `Renamed ${id}` } })).status).toBe(200);
    expect(await order()).toEqual(before);
  });
});

import { afterEach, expect, it } from 'vitest';
import { forEachEngine } from '../store/testing/engines';
import { actionsTestApp, type ActionsTestApp } from '../testing/actions-setup';
import { LAST_USED_PRECISION_MS } from './executor';

let t: ActionsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

forEachEngine('a connection’s “last used”', (engine) => {
  it('is written by an action, and again only once it is a minute old', async () => {
    t = await actionsTestApp({ engine });
    const lastUsed = async () => {
      const list = (await t!.call('GET', '/api/connections', { token: t!.token })).json.connections as { provider: string; lastUsedAt: string | null }[];
      return list.find((c) => c.provider === 'slack')!.lastUsedAt;
    };
    const slack = (await t.deps.db.selectFrom('connections').select('id').where('provider', '=', 'slack').executeTakeFirstOrThrow()).id;
    const longAgo = new Date(Date.now() - 3_600_000).toISOString();
    await t.deps.db.updateTable('connections').set({ last_used_at: longAgo }).where('id', '=', slack).execute();

    const before = Date.now();
    expect((await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'one' })).status).toBe(200);
    const first = await lastUsed();
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(before - 5);

    // A burst: the same minute, not written again (a synced write spared per action).
    expect((await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'two' })).status).toBe(200);
    expect(await lastUsed()).toBe(first);

    // A minute old: written again.
    const aMinuteAgo = new Date(Date.now() - LAST_USED_PRECISION_MS - 1).toISOString();
    await t.deps.db.updateTable('connections').set({ last_used_at: aMinuteAgo }).where('id', '=', slack).execute();
    expect((await t.act('slack', 'post_message', { channel: 'C0WEFTENG01', text: 'three' })).status).toBe(200);
    expect(Date.parse((await lastUsed())!)).toBeGreaterThan(Date.parse(aMinuteAgo) + LAST_USED_PRECISION_MS);
  });
});

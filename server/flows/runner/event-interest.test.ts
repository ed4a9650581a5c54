import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import type { Store } from '../../store/open';
import { forEachEngine, openTestStore } from '../../store/testing/engines';
import { EventInterest } from './event-interest';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const AT = '2026-12-01T00:00:00.000Z';
const doc = (...events: string[]): IntegrationDocument => ({
  weft: 'integration/v1', name: 'n',
  flows: [
    ...events.map((event, i) => ({ id: `f${i}`, name: `f${i}`, trigger: { type: 'event' as const, event }, steps: [] })),
    { id: 'by-hand', name: 'by hand', trigger: { type: 'manual' as const }, steps: [] },
  ],
});

async function seed(s: Store) {
  await s.db.insertInto('users').values({ id: 'usr_1', email: 'ada@example.com', password_hash: 'scrypt$x', created_at: AT }).execute();
  await s.db.insertInto('workspaces').values([{ id: 'wsp_1', name: 'one', personal: 1, created_at: AT }, { id: 'wsp_2', name: 'two', personal: 1, created_at: AT }]).execute();
  await s.db.insertInto('integrations').values({ id: 'int_1', workspace_id: 'wsp_1', created_by: 'usr_1', name: 'n', description: '', category: '', labels: '[]', draft: '{}', forked_from: null, created_at: AT, updated_at: AT }).execute();
  const version = (n: number, d: IntegrationDocument) => ({ integration_id: 'int_1', version: n, document: JSON.stringify(d), content_hash: 'h', note: '', available: 1, template: 0, published_by: 'usr_1', published_at: AT });
  await s.db.insertInto('integration_versions').values([version(1, doc('github.issues.opened')), version(2, doc('hubspot.deal.propertyChange'))]).execute();
}

const instance = (id: string, workspace: string, version: number) => ({
  id, workspace_id: workspace, integration_id: 'int_1', version, name: id, config: '{}', status: 'active' as const, status_reason: null, failure_alert: null, webhook_token: `tok_${id}`, signing_secret: 'sealed', created_by: 'usr_1', created_at: AT, updated_at: AT,
});

forEachEngine('which commits wake the flow event follower', (engine) => {
  it('only events of a type an active instance of their workspace listens for; deploys, upgrades and disables count at the next check', async () => {
    store = await openTestStore(engine);
    await seed(store);
    const interest = new EventInterest(store.db);
    const opened = { workspaceId: 'wsp_1', type: 'github.issues.opened' };
    const deal = { workspaceId: 'wsp_1', type: 'hubspot.deal.propertyChange' };

    expect(await interest.anyMatches([opened])).toBe(false);
    expect(await interest.listensAtAll()).toBe(false);
    await store.db.insertInto('flow_instances').values(instance('ins_1', 'wsp_1', 1)).execute();
    expect(await interest.anyMatches([opened])).toBe(true);
    expect(await interest.listensAtAll()).toBe(true);
    // Another workspace's event of the same type, and another type, wake nothing.
    expect(await interest.anyMatches([{ workspaceId: 'wsp_2', type: 'github.issues.opened' }, deal])).toBe(false);
    expect(await interest.anyMatches([{ workspaceId: 'wsp_1', type: 'weft.flow.run_failed' }, opened])).toBe(true);

    await store.db.updateTable('flow_instances').set({ version: 2, updated_at: '2026-12-01T00:00:01.000Z' }).where('id', '=', 'ins_1').execute();
    expect(await interest.anyMatches([opened])).toBe(false);
    expect(await interest.anyMatches([deal])).toBe(true);

    await store.db.updateTable('flow_instances').set({ status: 'disabled', updated_at: '2026-12-01T00:00:02.000Z' }).where('id', '=', 'ins_1').execute();
    expect(await interest.anyMatches([deal])).toBe(false);
    expect(await interest.listensAtAll()).toBe(false);
  });
});

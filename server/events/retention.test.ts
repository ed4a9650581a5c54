import type { Kysely, KyselyPlugin, QueryId } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../store/engine';
import type { Store } from '../store/open';
import type { Database } from '../store/schema';
import { forEachEngine, openTestStore } from '../store/testing/engines';
import { EventLog, type IntakeRecord } from './event-log';
import { loadConfig } from '../config';
import { createLogger } from '../lib/log';
import { pruneEventsAndDeliveries } from './retention';
import { runRetention } from './retention-sweep';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const limits = { days: 30, eventsPerWorkspace: 1_000, batchSize: 100 };

async function setUp(engine: Engine) {
  store = await openTestStore(engine);
  const s = store;
  for (const id of ['wsp_a', 'wsp_b']) {
    await s.db.insertInto('workspaces').values({ id, name: id, personal: 1, created_at: daysAgo(90) }).execute();
  }
  const log = new EventLog(s.events);
  /** A GitHub-like delivery whose event payload is its body (stored once, read through a join). */
  const deliver = (key: string, workspaceIds: string[]): IntakeRecord => ({
    provider: 'github', endpointId: null, eventType: 'issues', status: 'accepted', reason: null, workspaceIds,
    bodyPreview: '{', body: JSON.stringify({ key }), headers: {},
    items: [{ key, events: workspaceIds.map((workspaceId) => ({
      workspaceId, type: 'github.issues.opened', provider: 'github', connectionId: null, payload: { key }, payloadIsBody: true,
      summary: { title: key, url: null, actor: null, assignees: [], mentions: [], subject: null },
    })) }],
  });
  const backdate = async (deliveryId: number, at: string) => {
    await s.db.updateTable('deliveries').set({ received_at: at }).where('id', '=', deliveryId).execute();
    await s.db.updateTable('events').set({ created_at: at }).where('delivery_id', '=', deliveryId).execute();
  };
  /** Records many deliveries at once (group commits, in this order), then dates every row `at`. */
  const recordOld = async (keys: string[], at: string) => {
    await Promise.all(keys.map((key) => log.record(deliver(key, ['wsp_a']))));
    await s.db.updateTable('deliveries').set({ received_at: at }).execute();
    await s.db.updateTable('events').set({ created_at: at }).execute();
  };
  const count = async (table: 'deliveries' | 'webhook_receipts' | 'events') =>
    Number((await s.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const keys = async (workspaceId: string) => (await log.after([workspaceId], 0, 100_000)).map((e) => (e.payload as { key: string }).key);
  return { s, log, deliver, backdate, recordOld, count, keys };
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

/**
 * `db` as the prune sees it, paused after its first DELETE has run (that batch gone, the
 * rest still to go) until `resume` settles; `reached` resolves when it pauses.
 */
function pausedAfterFirstDelete(db: Kysely<Database>, resume: Promise<void>) {
  const reached = deferred();
  const deletes = new Set<QueryId>();
  let paused = false;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => (node.kind === 'DeleteQueryNode' && deletes.add(queryId), node),
    async transformResult({ result, queryId }) {
      if (deletes.has(queryId) && !paused) {
        paused = true;
        reached.resolve();
        await resume;
      }
      return result;
    },
  };
  return { db: db.withPlugin(plugin), reached: reached.promise };
}

forEachEngine('pruneEventsAndDeliveries', (engine) => {
  it('by age: events and deliveries older than the limit go; younger ones stay, payloads still readable', async () => {
    const { s, log, deliver, backdate, count, keys } = await setUp(engine);
    for (let i = 0; i < 5; i++) await backdate((await log.record(deliver(`old-${i}`, ['wsp_a']))).deliveryId, daysAgo(31 + i));
    for (let i = 0; i < 3; i++) await backdate((await log.record(deliver(`new-${i}`, ['wsp_a']))).deliveryId, daysAgo(29 - i));
    // A refused request from long ago (no body, no event) and today's.
    const refused = (receivedAt: string) => ({
      provider: 'github', endpoint_id: null, delivery_key: null, event_type: 'x', status: 'rejected' as const, reason: null,
      workspace_ids: '[]', received_at: receivedAt, body_preview: '', body: null, headers: '{}', event_count: 0,
    });
    await s.db.insertInto('deliveries').values([refused(daysAgo(40)), refused(daysAgo(1))]).execute();

    const report = await pruneEventsAndDeliveries(s, NOW, limits);

    expect(await keys('wsp_a')).toEqual(['new-0', 'new-1', 'new-2']);
    expect(report).toMatchObject({ events: 5, deliveries: 6, receipts: 5 });
    expect(await count('deliveries')).toBe(4);
    expect(await count('webhook_receipts')).toBe(3);
  });

  it('never prunes the newest event, so the latest id does not go back when a quiet log ages out', async () => {
    const { s, log, deliver, backdate, keys } = await setUp(engine);
    for (let i = 0; i < 3; i++) await backdate((await log.record(deliver(`old-${i}`, ['wsp_a']))).deliveryId, daysAgo(60));
    const latest = await log.latestId();
    await pruneEventsAndDeliveries(s, NOW, limits);
    expect(await keys('wsp_a')).toEqual(['old-2']);
    expect(await log.latestId()).toBe(latest);
  });

  it('by count: a workspace keeps its newest N; the others and deliveries one of their events still needs stay', async () => {
    const { s, log, deliver, count, keys } = await setUp(engine);
    // One delivery concerns both workspaces: its event in B keeps the row (B's payload is its body).
    await log.record(deliver('shared', ['wsp_a', 'wsp_b']));
    await Promise.all(Array.from({ length: 1_050 }, (_, i) => log.record(deliver(`a-${i}`, ['wsp_a']))));
    await log.record(deliver('b-1', ['wsp_b']));

    const report = await pruneEventsAndDeliveries(s, NOW, limits);

    const a = await keys('wsp_a');
    expect(a).toHaveLength(1_000);
    expect(a[0]).toBe('a-50');
    expect(a.at(-1)).toBe('a-1049');
    expect(await keys('wsp_b')).toEqual(['shared', 'b-1']);
    expect(report.events).toBe(51);
    // a-0 … a-49 lost their only event; `shared` did not.
    expect(report.deliveries).toBe(50);
    expect(await count('deliveries')).toBe(1_052 - 50);
    // Within the age limit every receipt stays: a provider's late retry is still a duplicate.
    expect(await count('webhook_receipts')).toBe(1_052);
    expect((await log.record(deliver('a-0', ['wsp_a']))).status).toBe('duplicate');
  });

  it('deletes in bounded batches, and intake commits between them instead of waiting for the whole prune', async () => {
    const { s, log, deliver, recordOld, keys } = await setUp(engine);
    await recordOld(Array.from({ length: 1_000 }, (_, i) => `old-${i}`), daysAgo(45));

    // The webhook arrives once the prune is mid-way (its first batch deleted, 900 events to
    // go), and the prune goes on only once the webhook has committed. Started side by side
    // instead, the two raced: on PostgreSQL's pool a loaded machine sometimes let the whole
    // prune finish first, though nothing made the webhook wait for it.
    const committed = deferred();
    const paused = pausedAfterFirstDelete(s.db, committed.promise);
    const pruning = pruneEventsAndDeliveries({ db: paused.db }, NOW, limits);
    await paused.reached;
    // Resolves only once committed, while the prune waits: a prune that held the log for its
    // whole length (one transaction) would never let it commit, and the test would time out.
    expect((await log.record(deliver('during', ['wsp_a']))).status).toBe('accepted');
    committed.resolve();
    const report = await pruning;

    expect(report.events).toBe(999);
    expect(await keys('wsp_a')).toEqual(['old-999', 'during']);
    // Each DELETE took at most one batch of events (and of their deliveries).
    expect(report.batches).toBeGreaterThanOrEqual(20);
  });

  it('a server closing mid-prune stops before the next batch, and leaves no delivery without the events it had', async () => {
    const { s, recordOld, count } = await setUp(engine);
    await recordOld(Array.from({ length: 1_000 }, (_, i) => `old-${i}`), daysAgo(45));
    const lines: string[] = [];
    const deps = { store: s, config: loadConfig({}), log: createLogger((line) => lines.push(line)) };
    // The job's signal, aborted as the runner does when the server stops.
    const stopping = new AbortController();
    const run = runRetention(deps, stopping.signal);
    stopping.abort(new Error('The server is stopping.'));
    await run;

    // Stopped early (the default batch is 500: one batch at most went) …
    expect(await count('events')).toBeGreaterThanOrEqual(500);
    // … and every delivery that made events still has them, so it replays as it was.
    const orphans = await s.db.selectFrom('deliveries as d').select('d.id').where('d.event_count', '>', 0)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('events as e').select('e.id').whereRef('e.delivery_id', '=', 'd.id'))))
      .execute();
    expect(orphans).toEqual([]);
    expect(lines.join('\n')).not.toMatch(/"level":"error"/);
    // A run whose job was already told to stop prunes nothing.
    const left = await count('events');
    await runRetention(deps, stopping.signal);
    expect(await count('events')).toBe(left);
  });
});

describe('retention settings', () => {
  it('default to 30 days and 100,000 events per workspace; a bad value stops start-up naming the variable', () => {
    expect(loadConfig({}).retention).toEqual({ days: 30, eventsPerWorkspace: 100_000 });
    expect(loadConfig({ WEFT_EVENT_RETENTION_DAYS: '7', WEFT_EVENT_RETENTION_COUNT: '5000' }).retention).toEqual({ days: 7, eventsPerWorkspace: 5_000 });
    expect(() => loadConfig({ WEFT_EVENT_RETENTION_DAYS: 'a month' })).toThrow('Invalid configuration: WEFT_EVENT_RETENTION_DAYS: Use a whole number of days, from 1 to 36500.');
    expect(() => loadConfig({ WEFT_EVENT_RETENTION_DAYS: '0' })).toThrow('WEFT_EVENT_RETENTION_DAYS');
    expect(() => loadConfig({ WEFT_EVENT_RETENTION_COUNT: '10' })).toThrow('Invalid configuration: WEFT_EVENT_RETENTION_COUNT: Use a whole number of events, from 1000 to 100000000.');
  });
});

import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable } from '../database-unavailable';
import type { IntakeRecord } from '../intake-record';
import { openStore, type Store } from '../open';
import { createTestDatabase } from '../testing/engines';
import { EVENTS_CHANNEL } from './signals';

const cleanup: (() => Promise<unknown>)[] = [];
/** Waits until `check` holds (re-asked every 20 ms, 10 s at most). */
const until = (check: () => boolean | Promise<boolean>) =>
  vi.waitFor(async () => { if (!(await check())) throw new Error('not yet'); }, { timeout: 10_000, interval: 20 });
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

const record = (key: string, type = 'test.thing'): IntakeRecord => ({
  provider: 'test', endpointId: null, eventType: type, status: 'accepted', reason: null, workspaceIds: ['wsp_a'],
  bodyPreview: '', body: null, items: [{ key, events: [{
    workspaceId: 'wsp_a', type, provider: 'test', connectionId: null, payload: { key },
    summary: { title: key, url: null, actor: null, assignees: [], mentions: [], subject: null },
  }] }],
});

/** One database, `instances` stores on it (as server instances would be), and a raw client. */
async function setUp(instances = 1) {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const stores: Store[] = [];
  for (let i = 0; i < instances; i++) {
    const store = await openStore({ databaseUrl: database.url, poolSize: 2 });
    cleanup.push(() => store.close());
    stores.push(store);
  }
  const raw = new pg.Client({ connectionString: database.url });
  await raw.connect();
  cleanup.push(() => raw.end());
  /**
   * From now on, inserting an event of type `test.held` waits inside its transaction (its
   * id already taken) until the raw client lets go of advisory lock 4242.
   */
  const holdEvents = async () => {
    await raw.query(`CREATE FUNCTION hold_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NULL; END $$`);
    await raw.query(`CREATE TRIGGER hold_event AFTER INSERT ON events FOR EACH ROW WHEN (NEW.type = 'test.held') EXECUTE FUNCTION hold_event()`);
    await raw.query('SELECT pg_advisory_lock(4242)');
    return () => raw.query('SELECT pg_advisory_unlock(4242)');
  };
  /** Sessions of this database waiting for a lock. */
  const waiting = async () =>
    Number((await raw.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n);
  return { stores, raw, holdEvents, waiting };
}

describe('PostgresEventStore', () => {
  it('ids become visible in order: a reader following the log by cursor sees an id committed after a higher one was taken', async () => {
    const { stores: [a, b], holdEvents, waiting } = await setUp(2);
    const release = await holdEvents();

    // Instance A's append takes the first id, then stays open (held by the trigger).
    const first = a!.events.appendGroup([record('first', 'test.held')]);
    await until(async () => (await waiting()) === 1);
    // Instance B appends meanwhile. Without a rule, it commits the second id while the
    // first is still invisible; with one, it waits (here, for the append lock).
    const second = b!.events.appendGroup([record('second')]);
    let secondSettled = false;
    void second.finally(() => (secondSettled = true));
    await until(async () => secondSettled || (await waiting()) === 2);

    // A reader follows the whole log by cursor, as a push hub does.
    const seen: string[] = [];
    let cursor = 0;
    const readOn = async () => {
      for (const row of await b!.events.afterAll(cursor, 100)) {
        seen.push(JSON.parse(row.payload_text!).key);
        cursor = Number(row.id);
      }
    };
    await readOn();
    await release();
    await Promise.all([first, second]);
    await readOn();
    expect(seen).toEqual(['first', 'second']);
  });

  it('a COMMIT that fails rejects the whole group: nothing of it is written, nothing is notified', async () => {
    const { stores: [store], raw } = await setUp();
    const heard: string[] = [];
    raw.on('notification', (n) => heard.push(n.payload!));
    await raw.query(`LISTEN ${EVENTS_CHANNEL}`);
    // A deferred constraint is checked at COMMIT: this one fails it for a marked event.
    await raw.query(`CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit'; END $$`);
    await raw.query(`CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW.type = 'test.refused') EXECUTE FUNCTION refuse_at_commit()`);

    await expect(store!.events.appendGroup([record('a'), record('b', 'test.refused')])).rejects.toThrow('refused at commit');
    expect(await store!.db.selectFrom('deliveries').select('id').execute()).toEqual([]);
    expect(await store!.db.selectFrom('webhook_receipts').select('delivery_key').execute()).toEqual([]);

    // Notifications arrive in commit order: once this group's is heard, the failed one's would have been.
    const [ok] = await store!.events.appendGroup([record('a'), record('c')]);
    const ids = (await store!.events.afterAll(0, 10)).map((r) => Number(r.id));
    await until(() => heard.length > 0);
    expect(heard).toEqual([String(Math.max(...ids))]);
    expect(ok).toMatchObject({ ok: true, stored: { status: 'accepted' } });
  });

  it('notifies weft_events with the highest id inside the transaction, once per group with events; a group without any notifies nothing', async () => {
    const { stores: [store], raw } = await setUp();
    const heard: string[] = [];
    raw.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
    await raw.query(`LISTEN ${EVENTS_CHANNEL}`);
    const unrouted: IntakeRecord = { ...record('u'), status: 'unrouted', items: [{ key: 'u', events: [] }] };
    await store!.events.appendGroup([unrouted]);
    const outcomes = await store!.events.appendGroup([record('a'), record('b'), record('c')]);
    const highest = Math.max(...outcomes.flatMap((o) => (o.ok ? o.stored.events.map((e) => e.id) : [])));
    await until(() => heard.length > 0);
    expect(heard).toEqual([`${EVENTS_CHANNEL}:${highest}`]);
  });

  it('a connection lost mid-group rejects the group as the database being unavailable, writes nothing, and the next group commits', async () => {
    const { stores: [store], raw, holdEvents, waiting } = await setUp();
    const release = await holdEvents();
    const group = store!.events.appendGroup([record('a'), record('b', 'test.held')]);
    const failed = group.then(() => null, (error: unknown) => error);
    await until(async () => (await waiting()) === 1);
    await raw.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    const error = await failed;
    expect(isDatabaseUnavailable(error)).toBe(true);
    await release();
    expect(await store!.db.selectFrom('deliveries').select('id').execute()).toEqual([]);
    const [next] = await store!.events.appendGroup([record('a')]);
    expect(next).toMatchObject({ ok: true, stored: { status: 'accepted' } });
  });
});

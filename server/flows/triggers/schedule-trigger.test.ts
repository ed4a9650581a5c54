import { afterEach, expect, it, vi } from 'vitest';
import type { ScheduleTrigger } from './schedule-cron';
import type { Engine } from '../../store/engine';
import { forEachEngine } from '../../store/testing/engines';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { documentWith, insertTestInstance } from '../steps/test-instance';
import { createScheduleTicker } from './schedule-ticker';
import { syncAllScheduleTicks, syncScheduleTicks } from './schedule-ticks';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** An app with one active instance whose only flow is scheduled by `trigger` (no steps: the run is what counts here). */
async function scheduled(engine: Engine, trigger: Omit<ScheduleTrigger, 'type'>) {
  t = await createTestApp({}, { engine });
  const { user } = await t.signUp();
  const instance = await insertTestInstance(t.deps, user, documentWith({ id: 'tick', name: 'Tick', trigger: { type: 'schedule', ...trigger }, steps: [] }));
  return { t, instance: instance.row };
}

const runs = async (app: TestApp) =>
  (await app.deps.db.selectFrom('flow_runs').select(['dedupe_key', 'trigger']).orderBy('started_at').execute()).map((r) => ({ key: r.dedupe_key!, trigger: JSON.parse(r.trigger) as { scheduledAt: string; caughtUp?: boolean } }));
const filtered = async (app: TestApp) => (await app.deps.db.selectFrom('flow_filtered').select('reason').orderBy('id').execute()).map((r) => r.reason);
const nextDue = async (app: TestApp) => Number((await app.deps.db.selectFrom('flow_schedule_ticks').select('next_ms').executeTakeFirstOrThrow()).next_ms);

forEachEngine('the schedule trigger', (engine) => {
  it('10,000 ticks a second apart, across two servers racing and a restart: each tick runs once, none is missed', async () => {
    const { t } = await scheduled(engine, { cron: '* * * * * *' });
    const start = Date.parse('2026-06-01T00:00:00Z');
    let clock = start - 1;
    await syncAllScheduleTicks(t.deps.db, clock);
    expect(await nextDue(t)).toBe(start);
    const server = () => createScheduleTicker(t.deps, { now: () => clock });
    let a = server();
    let b = server();
    const TICKS = 10_000;
    // Ticks each server claimed: more than TICKS in all would mean two servers fired one tick
    // (the runs' dedupe key would then hide it in the table, so it is counted here).
    let claimed = 0;
    const fire = async (...tickers: ReturnType<typeof server>[]) => {
      for (const n of await Promise.all(tickers.map((x) => x.runDue()))) claimed += n;
    };
    for (let i = 0; i < TICKS; i++) {
      // Woken at the tick, up to 0.9 s late.
      clock = start + i * 1000 + (i * 37) % 900;
      if (i < 3000) await fire(a);
      else if (i < 6000) await fire(a, b); // two servers on one database
      else if (i === 6000) {
        // Both stop; one comes back 20 s later (inside the grace) from its state in the database only.
        await Promise.all([a.stop(), b.stop()]);
        clock += 20_000;
        a = server();
        await syncAllScheduleTicks(t.deps.db, clock);
        await fire(a);
        i += 20;
      } else await fire(a);
    }
    expect(claimed).toBe(TICKS);
    const all = await runs(t);
    const keys = all.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length); // 0 duplicates
    expect(keys.length).toBe(TICKS); // 0 misses
    expect(keys.sort()).toEqual(Array.from({ length: TICKS }, (_, i) => `schedule:${start + i * 1000}`).sort());
    expect(await filtered(t)).toEqual([]);
  }, 600_000);

  it('catchUp none: after an hour with no server the missed ticks are skipped, with a record saying so, and the next one runs', async () => {
    const { t } = await scheduled(engine, { cron: '*/5 * * * *', timezone: 'Europe/Berlin' });
    const start = Date.parse('2026-06-01T10:00:00Z');
    await syncAllScheduleTicks(t.deps.db, start - 1);
    let clock = start + 2000;
    const ticker = createScheduleTicker(t.deps, { now: () => clock });
    await ticker.runDue();
    clock = start + 60 * 60_000 + 30_000; // back at 11:00:30: 10:05 … 10:55 missed, 11:00 is on time
    await ticker.runDue();
    expect((await runs(t)).map((r) => r.trigger.scheduledAt)).toEqual(['2026-06-01T10:00:00.000Z', '2026-06-01T11:00:00.000Z']);
    expect(await filtered(t)).toEqual(['filtered: no server was running at the ticks from 2026-06-01T10:05:00.000Z to 2026-06-01T10:55:00.000Z; none of them ran (catchUp: none)']);
    expect(await nextDue(t)).toBe(Date.parse('2026-06-01T11:05:00Z'));
  });

  it('catchUp last: the most recent missed tick runs once, marked caughtUp; the earlier ones are recorded', async () => {
    const { t } = await scheduled(engine, { cron: '0 * * * *', catchUp: 'last' });
    const start = Date.parse('2026-06-01T10:00:00Z');
    await syncAllScheduleTicks(t.deps.db, start - 1);
    let clock = start + 10 * 60 * 60_000 + 20 * 60_000; // 20:20: 10:00 … 20:00 all missed
    const ticker = createScheduleTicker(t.deps, { now: () => clock });
    await ticker.runDue();
    await ticker.runDue();
    expect((await runs(t)).map((r) => r.trigger)).toEqual([expect.objectContaining({ scheduledAt: '2026-06-01T20:00:00.000Z', caughtUp: true })]);
    expect(await filtered(t)).toEqual(['filtered: no server was running at the ticks from 2026-06-01T10:00:00.000Z to 2026-06-01T19:00:00.000Z; the last one ran instead (catchUp: last)']);
    expect(await nextDue(t)).toBe(Date.parse('2026-06-01T21:00:00Z'));
    clock = Date.parse('2026-06-01T21:00:01Z');
    await ticker.runDue();
    expect((await runs(t)).at(-1)!.trigger).toEqual(expect.objectContaining({ scheduledAt: '2026-06-01T21:00:00.000Z' }));
    expect((await runs(t)).at(-1)!.trigger.caughtUp).toBeUndefined();
  });

  it('in Europe/Berlin across both daylight-saving changes: 02:30 daily runs once a day, an hourly cron every real hour', async () => {
    const { t, instance } = await scheduled(engine, { cron: '0 30 2 * * *', timezone: 'Europe/Berlin' });
    const hourly = await insertTestInstance(t.deps, { id: instance.created_by, workspaceId: instance.workspace_id }, documentWith({ id: 'hourly', name: 'Hourly', trigger: { type: 'schedule', cron: '0 * * * *', timezone: 'Europe/Berlin' }, steps: [] }));
    const ticker = createScheduleTicker(t.deps, { now: () => clock });
    let clock = 0;
    const fired = async (from: string, to: string) => {
      await t.deps.db.deleteFrom('flow_runs').execute();
      await t.deps.db.deleteFrom('flow_schedule_ticks').execute();
      clock = Date.parse(from);
      await syncAllScheduleTicks(t.deps.db, clock);
      // The ticker, woken at each due time.
      for (;;) {
        const due = Number((await t.deps.db.selectFrom('flow_schedule_ticks').select((eb) => eb.fn.min('next_ms').as('next')).executeTakeFirstOrThrow()).next);
        if (due > Date.parse(to)) break;
        clock = due + 250;
        await ticker.runDue();
      }
      const rows = await t.deps.db.selectFrom('flow_runs').select(['instance_id', 'trigger']).execute();
      const at = (id: string) => rows.filter((r) => r.instance_id === id).map((r) => (JSON.parse(r.trigger) as { scheduledAt: string }).scheduledAt).sort();
      return { daily: at(instance.id), hourly: at(hourly.row.id) };
    };
    const spring = await fired('2026-03-27T22:59:59.999Z', '2026-03-30T21:59:59Z'); // 28 to 30 March, local days
    // 02:30 does not exist on 29 March: it runs when the clock jumps to 03:00 CEST.
    expect(spring.daily).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(spring.hourly).toHaveLength(24 + 23 + 24); // the 23-hour day
    const autumn = await fired('2026-10-23T21:59:59.999Z', '2026-10-26T22:59:59Z'); // 24 to 26 October
    // 02:30 happens twice on 25 October: it runs the first time only.
    expect(autumn.daily).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect(autumn.hourly).toHaveLength(24 + 25 + 24); // the 25-hour day
    const gaps = autumn.hourly.slice(1).map((iso, i) => Date.parse(iso) - Date.parse(autumn.hourly[i]!));
    expect(new Set(gaps)).toEqual(new Set([3_600_000]));
    expect(await filtered(t)).toEqual([]);
  });

  it('a disabled instance has no ticks and fires nothing; enabled again, it starts from the next tick', async () => {
    const { t, instance } = await scheduled(engine, { cron: '* * * * *' });
    const start = Date.parse('2026-06-01T10:00:00Z');
    await syncScheduleTicks(t.deps.db, instance.id, start - 1);
    await t.deps.db.updateTable('flow_instances').set({ status: 'disabled' }).where('id', '=', instance.id).execute();
    let clock = start + 1000;
    const ticker = createScheduleTicker(t.deps, { now: () => clock });
    await ticker.runDue();
    expect(await runs(t)).toEqual([]);
    expect(await t.deps.db.selectFrom('flow_schedule_ticks').selectAll().execute()).toEqual([]);
    await t.deps.db.updateTable('flow_instances').set({ status: 'active' }).where('id', '=', instance.id).execute();
    clock = start + 10 * 60_000 + 5000;
    await syncScheduleTicks(t.deps.db, instance.id, clock);
    expect(await nextDue(t)).toBe(start + 11 * 60_000);
    clock = start + 11 * 60_000 + 10;
    await ticker.runDue();
    expect((await runs(t)).map((r) => r.key)).toEqual([`schedule:${start + 11 * 60_000}`]);
    expect(await filtered(t)).toEqual([]);
  });

  it('a started ticker, on the real clock, fires a schedule synced after it started at its due times', async () => {
    const { t, instance } = await scheduled(engine, { cron: '* * * * * *' });
    const ticker = createScheduleTicker(t.deps);
    try {
      await ticker.start();
      await syncScheduleTicks(t.deps.db, instance.id);
      await vi.waitFor(async () => expect((await runs(t)).length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 50 });
    } finally {
      await ticker.stop();
    }
    const ticks = (await runs(t)).map((r) => Date.parse(r.trigger.scheduledAt)).sort();
    expect(ticks[1]! - ticks[0]!).toBe(1000);
  });
});

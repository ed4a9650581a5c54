import { afterEach, expect, it } from 'vitest';
import { scheduleSample } from '../../../shared/flows/trigger-samples';
import { forEachEngine } from '../../store/testing/engines';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { documentWith, insertTestInstance } from '../steps/test-instance';
import { createScheduleTicker } from './schedule-ticker';
import { syncAllScheduleTicks } from './schedule-ticks';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

forEachEngine('the schedule trigger’s sample', (engine) => {
  it('has exactly the fields a tick’s run gets as trigger, so the editor and the publish check read what runs read', async () => {
    t = await createTestApp({}, { engine });
    const { user } = await t.signUp();
    const trigger = { type: 'schedule' as const, cron: '*/5 * * * *', timezone: 'Europe/Berlin' };
    await insertTestInstance(t.deps, user, documentWith({ id: 'tick', name: 'Tick', trigger, steps: [] }));
    const start = Date.parse('2026-06-01T10:00:00Z');
    await syncAllScheduleTicks(t.deps.db, start - 1);
    const ticker = createScheduleTicker(t.deps, { now: () => start + 2000 });
    expect(await ticker.runDue()).toBe(1);
    const run = await t.deps.db.selectFrom('flow_runs').select('trigger').executeTakeFirstOrThrow();
    const data = JSON.parse(run.trigger) as Record<string, unknown>;
    const sample = scheduleSample(trigger);
    expect(Object.keys(data).sort()).toEqual(Object.keys(sample).sort());
    for (const [key, value] of Object.entries(sample)) expect(typeof data[key], key).toBe(typeof value);
    expect({ cron: data.cron, timezone: data.timezone }).toEqual({ cron: sample.cron, timezone: sample.timezone });
    await ticker.stop();
  });
});

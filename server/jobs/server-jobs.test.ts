import { afterEach, describe, expect, it, vi } from 'vitest';
import { githubTestApp } from '../testing/oauth-setup';
import { startLiveWeft } from '../testing/live-server';
import type { TestApp } from '../testing/test-app';
import { serverSchedules, serverTasks } from './server-jobs';
import { createSqliteQueue } from './sqlite-queue';

let t: TestApp | undefined;
afterEach(async () => t?.close());

describe("the server's background work runs as cron jobs", () => {
  it('the refresh sweep fires at the next minute and refreshes a token that expires soon, without anyone asking', async () => {
    const s = await githubTestApp({ accessTokenTtlSeconds: 28_800 });
    t = s.t;
    const { token } = await t.signUp();
    await s.connectGithub(token);
    await t.deps.db.updateTable('connections').set({ expires_at: new Date(Date.now() + 60_000).toISOString() }).execute();
    s.github.resetStats();
    // A sign-in throttle's turn that stopped counting a minute ago, and one that still counts.
    await t.deps.db.insertInto('limit_stamps').values([{ key: 'sign-in:old', expires_ms: Date.now() - 60_000 }, { key: 'sign-in:live', expires_ms: Date.now() + 600_000 }]).execute();

    // The scheduler's clock; tokens and grants still expire by the real one.
    let clock = Date.parse('2026-03-01T12:00:30Z');
    const queue = createSqliteQueue({ db: t.deps.db, log: t.deps.log, now: () => clock });
    const runner = queue.runner({ tasks: serverTasks(t.deps), schedules: serverSchedules });
    try {
      expect(await runner.poll()).toBe(0);
      expect(s.github.stats.tokenRequests.refresh_token ?? 0).toBe(0);
      clock = Date.parse('2026-03-01T12:01:01Z');
      // The four minutely sweeps fire; the hourly and daily ones do not.
      expect(await runner.poll()).toBe(4);
      await vi.waitFor(() => expect(s.github.stats.tokenRequests.refresh_token).toBe(1), { timeout: 5_000, interval: 10 });
      await vi.waitFor(async () => expect(await t!.deps.db.selectFrom('jobs').selectAll().execute()).toEqual([]), { interval: 10 });
      const stamps = (await t.deps.db.selectFrom('limit_stamps').select('key').execute()).map((r) => r.key);
      expect(stamps).toContain('sign-in:live');
      expect(stamps).not.toContain('sign-in:old');
      expect(await queue.deadLetters()).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it('retention is an hourly job: at :07 it prunes events past the retention age', async () => {
    t = (await githubTestApp()).t;
    const old = new Date(Date.now() - 45 * 24 * 60 * 60_000).toISOString();
    const event = (n: number) => ({ workspace_id: 'wsp_x', type: 'weft.test', provider: 'github', summary: JSON.stringify({ n }), created_at: old });
    await t.deps.db.insertInto('events').values([event(1), event(2)]).execute();
    let clock = Date.parse('2026-03-01T12:05:30Z');
    const queue = createSqliteQueue({ db: t.deps.db, log: t.deps.log, now: () => clock });
    const runner = queue.runner({ tasks: serverTasks(t.deps), schedules: serverSchedules });
    try {
      await runner.poll();
      clock = Date.parse('2026-03-01T12:06:01Z');
      expect(await runner.poll()).toBe(4);
      await vi.waitFor(async () => expect(await t!.deps.db.selectFrom('jobs').selectAll().execute()).toEqual([]), { interval: 10 });
      expect(await t.deps.db.selectFrom('events').select('id').execute()).toHaveLength(2);
      clock = Date.parse('2026-03-01T12:07:01Z');
      // Five are due: the runner starts four at once (its concurrency), the fifth as one ends.
      expect(await runner.poll()).toBe(4);
      // The newest event is never pruned (the latest id never goes back); the older one is.
      await vi.waitFor(async () => expect(await t!.deps.db.selectFrom('events').select('id').execute()).toHaveLength(1), { timeout: 5_000, interval: 10 });
      expect(await queue.deadLetters()).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it('a started server registers its schedules with its runner, and stops it on close', async () => {
    const { weft } = await startLiveWeft();
    try {
      await vi.waitFor(
        async () => {
          const rows = await weft.deps.db.selectFrom('job_schedules').select(['name', 'cron', 'next_at']).orderBy('name').execute();
          expect(rows.map((r) => r.name)).toEqual(serverSchedules.map((s) => s.name).sort());
          for (const row of rows) expect(Date.parse(row.next_at)).toBeGreaterThan(Date.now() - 1_000);
        },
        { timeout: 5_000, interval: 20 },
      );
    } finally {
      await weft.close();
    }
  });
});

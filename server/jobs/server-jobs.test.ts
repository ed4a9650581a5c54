import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../lib/log';
import { startWeft } from '../start';
import { forEachEngine, openTestStore } from '../store/testing/engines';
import { githubTestApp } from '../testing/oauth-setup';
import { createTestApp, type TestApp } from '../testing/test-app';
import { serverSchedules, serverTasks } from './server-jobs';
import type { TaskHandler } from './types';

let t: TestApp | undefined;
afterEach(async () => t?.close());

/** The server's tasks, each noting its name once it has run (a positive signal that it did). */
function recorded(tasks: Record<string, TaskHandler>, ran: string[]): Record<string, TaskHandler> {
  return Object.fromEntries(Object.entries(tasks).map(([name, handler]) => [name, async (job) => (await handler(job), void ran.push(name))]));
}

forEachEngine("the server's background work", (engine) => {
  const minutely = serverSchedules.filter((s) => s.cron === '* * * * *').map((s) => s.task).sort();

  it('the refresh sweep fires at the next minute and refreshes a token that expires soon, without anyone asking', async () => {
    const s = await githubTestApp({ accessTokenTtlSeconds: 28_800, engine });
    t = s.t;
    const { token } = await t.signUp();
    await s.connectGithub(token);
    await t.deps.db.updateTable('connections').set({ expires_at: new Date(Date.now() + 60_000).toISOString() }).execute();
    s.github.resetStats();
    // A sign-in throttle's turn that stopped counting a minute ago, and one that still counts.
    await t.deps.db.insertInto('limit_stamps').values([{ key: 'sign-in:old', expires_ms: Date.now() - 60_000 }, { key: 'sign-in:live', expires_ms: Date.now() + 600_000 }]).execute();
    // A refresh lease left by a holder that died, run out since.
    await t.deps.db.insertInto('refresh_leases').values({ connection_id: 'con_gone', holder: 'killed', expires_ms: Date.now() - 1 }).execute();

    // The schedules' clock; tokens and grants still expire by the real one.
    let clock = Date.parse('2026-03-01T12:00:30Z');
    const queue = t.deps.store.jobQueue({ log: t.deps.log, now: () => clock });
    const ran: string[] = [];
    const runner = queue.runner({ tasks: recorded(serverTasks(t.deps), ran), schedules: serverSchedules });
    try {
      expect(await runner.poll()).toBe(0);
      expect(s.github.stats.tokenRequests.refresh_token ?? 0).toBe(0);
      clock = Date.parse('2026-03-01T12:01:01Z');
      // The minutely sweeps fire; the hourly and daily ones do not.
      expect(await runner.poll()).toBeGreaterThan(0);
      await vi.waitFor(() => expect([...ran].sort()).toEqual(minutely), { timeout: 5_000, interval: 10 });
      expect(s.github.stats.tokenRequests.refresh_token).toBe(1);
      const stamps = (await t.deps.db.selectFrom('limit_stamps').select('key').execute()).map((r) => r.key);
      expect(stamps).toContain('sign-in:live');
      expect(stamps).not.toContain('sign-in:old');
      expect(await t.deps.db.selectFrom('refresh_leases').selectAll().execute()).toEqual([]);
      expect(await queue.deadLetters()).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it('retention is an hourly job: at :07 it prunes events past the retention age, after the minutely sweeps ran alone at :06', async () => {
    t = await createTestApp({}, { engine });
    const old = new Date(Date.now() - 45 * 24 * 60 * 60_000).toISOString();
    const event = (n: number) => ({ workspace_id: 'wsp_x', type: 'weft.test', provider: 'github', summary: JSON.stringify({ n }), created_at: old });
    await t.deps.db.insertInto('events').values([event(1), event(2)]).execute();
    // The schedules' clock; on PostgreSQL the jobs' due times are the database's.
    let clock = Date.parse('2026-03-01T12:05:30Z');
    const queue = t.deps.store.jobQueue({ log: t.deps.log, now: () => clock });
    const ran: string[] = [];
    const runner = queue.runner({ tasks: recorded(serverTasks(t.deps), ran), schedules: serverSchedules });
    try {
      await runner.poll();
      clock = Date.parse('2026-03-01T12:06:01Z');
      await runner.poll();
      await vi.waitFor(() => expect([...ran].sort()).toEqual(minutely), { timeout: 5_000, interval: 10 });
      expect(await t.deps.db.selectFrom('events').select('id').execute()).toHaveLength(2);
      clock = Date.parse('2026-03-01T12:07:01Z');
      await runner.poll();
      await vi.waitFor(() => expect([...ran].sort()).toEqual([...minutely, 'events.prune', ...minutely].sort()), { timeout: 5_000, interval: 10 });
      // The newest event is never pruned (the latest id never goes back); the older one is.
      expect(await t.deps.db.selectFrom('events').select('id').execute()).toHaveLength(1);
      expect(await queue.deadLetters()).toEqual([]);
    } finally {
      await runner.stop();
    }
  });

  it("a started server registers its schedules, runs its tasks on the store's job engine, and stops it on close", async () => {
    const logLines: string[] = [];
    const store = engine === 'postgres' ? await openTestStore('postgres') : undefined;
    const env = { PORT: '0', HOST: '127.0.0.1', WEFT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'weft-jobs-')), WEFT_SECRET_KEY: randomBytes(32).toString('base64') };
    const weft = await startWeft(env, { store, log: createLogger((line) => logLines.push(line)) });
    try {
      const { db, jobs } = weft.deps;
      await vi.waitFor(
        async () => {
          const rows = await db.selectFrom('job_schedules').select(['name', 'cron', 'next_at']).orderBy('name').execute();
          expect(rows.map((r) => r.name)).toEqual(serverSchedules.map((s) => s.name).sort());
          for (const row of rows) expect(Date.parse(row.next_at)).toBeGreaterThan(Date.now() - 1_000);
        },
        { timeout: 5_000, interval: 20 },
      );
      // Where a job lives: the jobs table on SQLite, graphile-worker's schema on PostgreSQL.
      const later = await jobs.enqueue(db, { task: 'oauth.drop-expired-states', runAt: Date.now() + 3_600_000 });
      const inJobsTable = await db.selectFrom('jobs').select('id').execute();
      if (engine === 'sqlite') expect(inJobsTable.map((r) => String(r.id))).toEqual([later.id]);
      else {
        expect(inJobsTable).toEqual([]);
        const { rows } = await sql<{ task_identifier: string }>`select task_identifier from graphile_worker.jobs where id = ${Number(later.id)}`.execute(db);
        expect(rows).toEqual([{ task_identifier: 'oauth.drop-expired-states' }]);
      }
      // The started runner takes a job enqueued now and runs the server's task.
      const now = await db.transaction().execute((tx) => jobs.enqueue(tx, { task: 'jobs.forget-old-dead' }));
      await vi.waitFor(async () => expect(await jobs.get(now.id)).toBeUndefined(), { timeout: 5_000, interval: 20 });
      expect(await jobs.deadLetters()).toEqual([]);
    } finally {
      await weft.close();
    }
    expect(logLines.filter((line) => JSON.parse(line).level === 'error')).toEqual([]);
  });
});

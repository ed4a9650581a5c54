import { afterEach, expect, it, vi } from 'vitest';
import { createLogger } from '../../server/lib/log';
import { openStore } from '../../server/store/open';
import { createTestDatabase } from '../../server/store/testing/engines';
import { startTcpProxy } from '../support/tcp-proxy';

// The job engine on PostgreSQL (graphile-worker) when the database goes away while a job
// runs, through a TCP proxy the test cuts and restores: the job's outcome cannot be
// written, graphile-worker's pool gives up, and the runner must start a new one so jobs
// run again once the database is back, without a restart of the server.

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  cleanup = [];
});

it('jobs run again by themselves after PostgreSQL was lost during a job and came back', { timeout: 60_000 }, async () => {
  const database = await createTestDatabase();
  cleanup.push(database.drop);
  const target = new URL(database.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  cleanup.push(() => proxy.close());
  const store = await openStore({ databaseUrl: proxy.via(database.url), poolSize: 6 });
  cleanup.push(() => store.close());
  const logLines: string[] = [];
  const queue = store.jobQueue({ log: createLogger((l) => logLines.push(l)) });
  const ran: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const runner = queue.runner({
    pollMs: 200,
    tasks: {
      note: async ({ payload }) => void ran.push(String(payload.n)),
      slow: async () => (ran.push('slow started'), await gate),
    },
  });
  cleanup.push(() => runner.stop(0));
  runner.start();
  await queue.enqueue(store.db, { task: 'note', payload: { n: 'before' } });
  await vi.waitFor(() => expect(ran).toContain('before'), { timeout: 10_000, interval: 20 });
  await queue.enqueue(store.db, { task: 'slow' });
  await vi.waitFor(() => expect(ran).toContain('slow started'), { timeout: 10_000, interval: 20 });

  // The database goes away while the job runs; its success cannot be written.
  await proxy.cut();
  release();
  await vi.waitFor(() => expect(logLines.some((l) => JSON.parse(l).level === 'error')).toBe(true), { timeout: 20_000, interval: 50 });
  await proxy.restore();

  await vi.waitFor(async () => expect((await queue.enqueue(store.db, { task: 'note', payload: { n: 'after' } })).added).toBe(true), { timeout: 20_000, interval: 200 });
  await vi.waitFor(() => expect(ran).toContain('after'), { timeout: 20_000, interval: 50 });
});

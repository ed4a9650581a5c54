import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../lib/log';
import type { Store } from '../store/open';
import { forEachEngine, openTestStore } from '../store/testing/engines';
import type { JobContext, JobQueue } from './types';

const quiet = createLogger(() => {});
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** Runs the one due job of `queue` with `handler` and waits until the runner has recorded its outcome. */
async function runOnce(queue: JobQueue, handler: (job: JobContext) => Promise<void>): Promise<void> {
  let ran!: () => void;
  const done = new Promise<void>((resolve) => (ran = resolve));
  const runner = queue.runner({ tasks: { work: (job) => handler(job).finally(ran) }, pollMs: 60_000 });
  runner.start();
  await done;
  // stop() waits for the running job, its outcome written.
  await runner.stop();
}

forEachEngine('a job ended inside its own transaction', (engine) => {
  it('is gone with the work it committed, and never runs again', async () => {
    store = await openTestStore(engine);
    const queue = store.jobQueue({ log: quiet });
    const { id } = await queue.enqueue(store.db, { task: 'work', payload: { n: 1 } });
    let runs = 0;
    await runOnce(queue, async (job) => {
      runs++;
      await store!.transaction(async (tx) => {
        await queue.enqueue(tx, { task: 'next', payload: { after: job.payload.n } });
        // Absent on PostgreSQL: graphile-worker ends the job itself after the handler.
        await job.completeIn?.(tx);
      });
    });
    expect(await queue.get(id)).toBeUndefined();
    expect(runs).toBe(1);
    if (engine === 'sqlite') expect(await store.db.selectFrom('jobs').select('task').execute()).toEqual([{ task: 'next' }]);
  });
});

it('on SQLite, a transaction that fails after ending its job leaves the job to be tried again', async () => {
  store = await openTestStore('sqlite');
  const queue = store.jobQueue({ log: quiet });
  const { id } = await queue.enqueue(store.db, { task: 'work' });
  await runOnce(queue, async (job) => {
    expect(job.completeIn).toBeTypeOf('function');
    await store!.transaction(async (tx) => {
      await queue.enqueue(tx, { task: 'next' });
      await job.completeIn!(tx);
      throw new Error('the database refused the last write');
    });
  });
  const info = await queue.get(id);
  expect(info).toMatchObject({ state: 'waiting', attempts: 1, lastError: 'the database refused the last write' });
  expect(await store.db.selectFrom('jobs').select('task').execute()).toEqual([{ task: 'work' }]);
});

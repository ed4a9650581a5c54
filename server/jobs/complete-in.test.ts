import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/log';
import type { Store } from '../store/open';
import { forEachEngine, openTestStore } from '../store/testing/engines';
import { MAX_CONTINUATIONS } from './sqlite-runner';
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

describe('on SQLite, a job that continues as its own next piece', () => {
  /** A runner of one slot over `work`, stopped by the test. */
  const start = (queue: JobQueue, work: (job: JobContext) => Promise<void>) => {
    const runner = queue.runner({ tasks: { work }, pollMs: 60_000, concurrency: 1 });
    runner.start();
    return runner;
  };
  const waitUntil = async (check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(check()).toBe(true);
  };

  it('runs each piece in turn as the same job, ends with the last, and a waiting job with the next key takes over', async () => {
    store = await openTestStore('sqlite');
    const queue = store.jobQueue({ log: quiet });
    const seen: { id: string; n: unknown; attempt: number }[] = [];
    const first = await queue.enqueue(store.db, { task: 'work', key: 'piece:0', lane: 'run', payload: { n: 0 } });
    // Piece 3 is already waiting as a job of its own (a re-run enqueued it): it is the next piece.
    const waiting = await queue.enqueue(store.db, { task: 'work', key: 'piece:3', lane: 'run', payload: { n: 3, own: true } });
    const continued: boolean[] = [];
    const runner = start(queue, async (job) => {
      const n = Number(job.payload.n);
      seen.push({ id: job.id, n, attempt: job.attempt });
      if (n >= 4) return;
      await store!.transaction(async (tx) => {
        continued.push(await job.continueIn!(tx, { payload: { n: n + 1 }, key: `piece:${n + 1}` }));
        await job.completeIn!(tx);
      });
    });
    await waitUntil(() => seen.length === 5);
    await runner.stop();
    expect(seen.map((s) => s.n)).toEqual([0, 1, 2, 3, 4]);
    // Pieces 0–3 were one job; the waiting job ran piece 3 instead of a continuation, then continued itself.
    expect(seen.slice(0, 3).map((s) => s.id)).toEqual([first.id, first.id, first.id]);
    expect(seen[3]!.id).toBe(waiting.id);
    expect(continued).toEqual([true, true, false, true]);
    expect(seen.every((s) => s.attempt === 1)).toBe(true);
    expect(await store.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('goes back in line untried when the runner stops between pieces, and the next start runs that piece', async () => {
    store = await openTestStore('sqlite');
    const queue = store.jobQueue({ log: quiet });
    const { id } = await queue.enqueue(store.db, { task: 'work', key: 'p:0', payload: { n: 0 } });
    const seen: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runner = start(queue, async (job) => {
      const n = Number(job.payload.n);
      seen.push(n);
      if (n === 1) await held;
      if (n >= 2) return;
      await store!.transaction(async (tx) => void (await job.continueIn!(tx, { payload: { n: n + 1 }, key: `p:${n + 1}` })));
    });
    await waitUntil(() => seen.length === 2);
    const stopped = runner.stop();
    release();
    await stopped;
    expect(await queue.get(id)).toMatchObject({ state: 'waiting', attempts: 0, payload: { n: 2 }, key: 'p:2' });
    const again = start(queue, async (job) => void seen.push(Number(job.payload.n)));
    await waitUntil(() => seen.length === 3);
    await again.stop();
    expect(seen).toEqual([0, 1, 2]);
    expect(await queue.get(id)).toBeUndefined();
  });

  it(`gives the other jobs a turn after ${MAX_CONTINUATIONS} pieces`, async () => {
    store = await openTestStore('sqlite');
    const queue = store.jobQueue({ log: quiet });
    await queue.enqueue(store.db, { task: 'work', payload: { who: 'long', n: 0 } });
    const order: string[] = [];
    const runner = start(queue, async (job) => {
      const n = Number(job.payload.n ?? 0);
      order.push(`${String(job.payload.who)}${n}`);
      if (job.payload.who === 'long' && n === 0) await queue.enqueue(store!.db, { task: 'work', payload: { who: 'other' } });
      if (job.payload.who !== 'long' || n >= MAX_CONTINUATIONS + 2) return;
      await store!.transaction(async (tx) => void (await job.continueIn!(tx, { payload: { who: 'long', n: n + 1 } })));
    });
    await waitUntil(() => order.includes(`long${MAX_CONTINUATIONS + 2}`));
    await runner.stop();
    const other = order.indexOf('other0');
    expect(order[other - 1]).toBe(`long${MAX_CONTINUATIONS - 1}`);
    expect(order[other + 1]).toBe(`long${MAX_CONTINUATIONS}`);
  });
});

import { afterEach, expect, it, vi } from 'vitest';
import { createLogger } from '../../server/lib/log';
import { openStore, type Store } from '../../server/store/open';
import type { JobRunner } from '../../server/jobs/types';
import { createProbes } from './flow-probes';

// The flows bench subtracts each step's provider time from its job's time: that is only
// right if every provider call is charged to the job that made it, even while other jobs
// run at once, and to no job when none made it.

let store: Store | undefined;
let runner: JobRunner | undefined;
afterEach(async () => {
  await runner?.stop();
  await store?.close();
});

/**
 * A provider whose calls end when the test says so, on a clock only the test moves: which
 * job each call is charged to is then exact, not a reading of sleeps on a busy machine (the
 * wall-clock version failed 14 runs in 24 under a load of 15: a 10 ms sleep took 174 ms).
 */
function heldProvider() {
  let clock = 0;
  const pending = new Map<string, () => void>();
  const fetch = (async (input: RequestInfo | URL) => {
    await new Promise<void>((resolve) => pending.set(new URL(String(input)).searchParams.get('call')!, resolve));
    return new Response('{}');
  }) as typeof globalThis.fetch;
  return {
    fetch,
    now: () => clock,
    /** Moves the clock by the time a job's own work took (called inside the job). */
    work: (ms: number) => void (clock += ms),
    /** Waits until these calls are in flight. */
    inFlight: (...calls: string[]) => vi.waitFor(() => expect([...pending.keys()]).toEqual(expect.arrayContaining(calls)), { interval: 2 }),
    /** Moves the clock to `at`, then lets `call` answer. */
    answer(call: string, at: number) {
      clock = at;
      const resolve = pending.get(call)!;
      pending.delete(call);
      resolve();
    },
  };
}

it('charges each job the provider time of its own calls, with jobs running at once', async () => {
  const provider = heldProvider();
  const probes = createProbes({ now: provider.now });
  store = probes.wrapStore(await openStore(':memory:'));
  const queue = store.jobQueue({ log: createLogger(() => {}) });
  const providerFetch = probes.wrapFetch(provider.fetch);
  const started: string[] = [];
  probes.onJobStart = (task, payload) => started.push(`${task}:${String(payload.name)}`);
  runner = queue.runner({
    concurrency: 2,
    tasks: {
      step: async ({ payload }) => {
        for (const call of payload.calls as string[]) await providerFetch(`http://provider.test/?call=${call}`);
        provider.work(20); // the engine's own work
      },
    },
  });
  await queue.enqueue(store.db, { task: 'step', payload: { name: 'slow', calls: ['slow-1', 'slow-2'] } });
  await queue.enqueue(store.db, { task: 'step', payload: { name: 'quick', calls: ['quick'] } });
  runner.start();
  // Outside any job: charged to nobody.
  const outside = providerFetch('http://provider.test/?call=outside');
  await provider.inFlight('slow-1', 'quick', 'outside');
  expect(started.sort()).toEqual(['step:quick', 'step:slow']);

  // All three calls are in flight from 0: quick's ends at 10 (then its work runs to 30), the
  // outside one at 50, slow's first at 120; its second then runs from 120 to 180.
  provider.answer('quick', 10);
  const quick = await probes.waitForJob((j) => j.payload.name === 'quick');
  provider.answer('outside', 50);
  await outside;
  provider.answer('slow-1', 120);
  await provider.inFlight('slow-2');
  provider.answer('slow-2', 180);
  const slow = await probes.waitForJob((j) => j.payload.name === 'slow');

  expect(quick).toMatchObject({ task: 'step', providerCalls: 1, providerMs: 10, startMs: 0, endMs: 30, failed: false });
  // Slow's calls overlapped quick's call, its work and the outside call: none of those is slow's.
  expect(slow).toMatchObject({ task: 'step', providerCalls: 2, providerMs: 180, startMs: 0, endMs: 200, failed: false });
  // What is left of each job is its own work (20), not the other job's waits.
  for (const job of [slow, quick]) expect(job.endMs - job.startMs - job.providerMs).toBe(20);
});

it('marks a job whose handler threw as failed, and still records it', async () => {
  const probes = createProbes();
  store = probes.wrapStore(await openStore(':memory:'));
  const queue = store.jobQueue({ log: createLogger(() => {}) });
  runner = queue.runner({ tasks: { boom: async () => { throw new Error('no'); } } });
  await queue.enqueue(store.db, { task: 'boom', maxAttempts: 1 });
  runner.start();
  expect(await probes.waitForJob((j) => j.task === 'boom')).toMatchObject({ failed: true, providerCalls: 0, providerMs: 0 });
});

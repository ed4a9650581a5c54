import { afterEach, expect, it } from 'vitest';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A provider that answers after the delay the request names. */
const slowProvider = (async (input: RequestInfo | URL) => {
  await sleep(Number(new URL(String(input)).searchParams.get('ms')));
  return new Response('{}');
}) as typeof fetch;

it('charges each job the provider time of its own calls, with jobs running at once', async () => {
  const probes = createProbes();
  store = probes.wrapStore(await openStore(':memory:'));
  const queue = store.jobQueue({ log: createLogger(() => {}) });
  const providerFetch = probes.wrapFetch(slowProvider);
  const started: string[] = [];
  probes.onJobStart = (task, payload) => started.push(`${task}:${String(payload.name)}`);
  runner = queue.runner({
    concurrency: 2,
    tasks: {
      step: async ({ payload }) => {
        for (const ms of payload.calls as number[]) await providerFetch(`http://provider.test/?ms=${ms}`);
        const until = performance.now() + 20; // the engine's own work, on the CPU
        while (performance.now() < until);
      },
    },
  });
  await queue.enqueue(store.db, { task: 'step', payload: { name: 'slow', calls: [120, 60] } });
  await queue.enqueue(store.db, { task: 'step', payload: { name: 'quick', calls: [10] } });
  runner.start();
  // Outside any job: charged to nobody.
  await providerFetch('http://provider.test/?ms=50');
  const [slow, quick] = await Promise.all(['slow', 'quick'].map((name) => probes.waitForJob((j) => j.payload.name === name)));

  expect(started.sort()).toEqual(['step:quick', 'step:slow']);
  expect(slow).toMatchObject({ task: 'step', providerCalls: 2, failed: false });
  expect(quick).toMatchObject({ task: 'step', providerCalls: 1, failed: false });
  expect(slow!.providerMs).toBeGreaterThanOrEqual(179);
  expect(slow!.providerMs).toBeLessThan(179 + 150);
  expect(quick!.providerMs).toBeGreaterThanOrEqual(9);
  expect(quick!.providerMs).toBeLessThan(120);
  // What is left of each job is its own CPU work (20 ms), not the other job's waits.
  for (const job of [slow!, quick!]) expect(job.endMs - job.startMs - job.providerMs).toBeGreaterThanOrEqual(19);
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

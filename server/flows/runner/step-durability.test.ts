import { afterEach, expect, it } from 'vitest';
import { watchSqliteCommits } from '../../store/testing/commit-levels';
import { fireTrigger } from './fire-trigger';
import { flowsTestApp, manualFlow, slackPost, type FlowsTestApp } from './testing';

// What a step waits for the disk for, on SQLite (the embedded engine, where a run's next
// step is its job's continuation): a step that hands the run on commits without a sync,
// and the next step's record of its attempt is synced before anything is sent, so a
// provider request never follows a record that is not on disk. (On PostgreSQL the next
// step is enqueued and every commit waits, as before.)

type Moment = { commit: 'synced' | 'unsynced' } | { sent: string };

const flow = manualFlow([slackPost('one', 'One'), { id: 'route', branch: [{ steps: [slackPost('two', 'Two')] }] }, slackPost('three', 'Three')], { name: 'Three posts' });

let t: FlowsTestApp | undefined;
let unwatch: (() => void) | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  unwatch?.();
  unwatch = undefined;
});

it('a step handing the run on commits unsynced; every provider request follows a synced commit; the run\'s end is synced', async () => {
  const timeline: Moment[] = [];
  // Every COMMIT Kysely sends on the server's connection, and whether it waited for the disk.
  unwatch = watchSqliteCommits((commit) => timeline.push({ commit }));
  t = await flowsTestApp('sqlite', {
    wrapFetch: (emulated) => (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/chat.postMessage')) timeline.push({ sent: JSON.parse(String(init?.body)).text });
      return emulated(input, init);
    }) as typeof fetch,
  });
  const instanceId = await t.deploy(flow, { slack: await t.connectionOf('slack') });
  const from = timeline.length;
  const fired = await fireTrigger(t.deps, { instanceId, flowId: 'go', triggerType: 'manual', data: {} });
  if (!('runId' in fired)) throw new Error(`not started: ${JSON.stringify(fired)}`);
  const [run] = await t.finishedRuns(instanceId);
  expect(run!.status).toBe('succeeded');
  expect(t.slack.listMessages('C0WEFTENG01').map((m) => m.text)).toEqual(['One', 'Two', 'Three']);

  const moments = timeline.slice(from);
  const sent = moments.flatMap((m, i) => ('sent' in m ? [i] : []));
  expect(sent.map((i) => (moments[i] as { sent: string }).sent)).toEqual(['One', 'Two', 'Three']);
  // The last commit before each request waited for the disk: the step's attempt, with
  // everything committed before it.
  for (const i of sent) {
    const lastCommit = moments.slice(0, i).reverse().find((m) => 'commit' in m);
    expect(lastCommit).toEqual({ commit: 'synced' });
  }
  // Unsynced: the ends of "one", "route" and "two", which hand the run on. The end of
  // "three" ends the run, and is synced like every other commit.
  expect(moments.filter((m) => 'commit' in m && m.commit === 'unsynced')).toHaveLength(3);
  expect(moments.at(-1)).toEqual({ commit: 'synced' });
});

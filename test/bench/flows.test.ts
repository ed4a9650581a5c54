import { expect, it } from 'vitest';
import { benchFlows, flowsTable } from './flows';
import { flowTargetRows } from './targets';

// The flows part of `npm run bench`, small: it must keep working as the runner changes
// (a bench that breaks is found here, not on the day someone wants its numbers), and what
// it counts must add up: every event evaluated against every flow, once.

it('runs end to end: step overhead from whole runs, the first step of each webhook, every (event, flow) pair accounted for', async () => {
  const lines: string[] = [];
  const r = await benchFlows((line) => lines.push(line), { steps: 3, runs: 3, warmUp: 1, webhooks: 5, flows: 20, events: 4, concurrency: 2 });

  expect(r.stepOverhead).toMatchObject({ steps: 3, samples: 9 });
  // The Slack emulator answered every step (its time is what is subtracted), and the engine's own time is not nothing.
  expect(r.stepOverhead.providerP50ms).toBeGreaterThan(0);
  expect(r.stepOverhead.p50ms).toBeGreaterThan(0);
  expect(r.stepOverhead.p99ms).toBeGreaterThanOrEqual(r.stepOverhead.p50ms);
  expect(r.webhookToFirstStep.map((w) => [w.trigger, w.webhooks])).toEqual([['GitHub issues.opened → event trigger', 5], ['POST to the flow\'s webhook URL → webhook trigger', 5]]);
  for (const w of r.webhookToFirstStep) {
    // The first step starts after the webhook was sent, and after intake committed it (its 2xx).
    expect(w.p50ms).toBeGreaterThan(0);
    expect(w.p95ms).toBeGreaterThanOrEqual(w.p50ms);
  }
  // Each event's label matches one flow's `if`: one run per event, a filtered record for every other flow.
  expect(r.eventsAgainstFlows).toMatchObject({ flows: 20, events: 4, runs: 4, filtered: 4 * 19 });
  expect(r.eventsAgainstFlows.eventsPerSecond).toBeGreaterThan(0);

  const table = flowsTable(r).join('\n');
  expect(table).toContain('engine overhead per step');
  expect(table).toContain('events against 20 enabled flows');
  expect(flowTargetRows(r).map((t) => t.target)).toEqual(['≤ 2 ms', '≤ 10 ms', ...r.webhookToFirstStep.map(() => '≤ 50 ms')]);
}, 120_000);

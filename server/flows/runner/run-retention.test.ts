import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { forEachEngine } from '../../store/testing/engines';
import { fireTrigger } from './fire-trigger';
import { pruneFlowRuns } from './run-retention';
import { flowsTestApp, type FlowsTestApp } from './testing';

const doc: IntegrationDocument = {
  weft: 'integration/v1', name: 'Nothing',
  flows: [{ id: 'go', name: 'Go', trigger: { type: 'manual', if: 'trigger.n != 0' }, steps: [] }],
};

forEachEngine('flow run retention', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  it('prunes finished runs and filtered firings by age and by count per instance, never a run in flight', async () => {
    t = await flowsTestApp(engine);
    const instanceId = await t.deploy(doc);
    const ids: string[] = [];
    for (let n = 1; n <= 6; n++) {
      const fired = await fireTrigger(t.deps, { instanceId, flowId: 'go', triggerType: 'manual', data: { n } });
      ids.push((fired as { runId: string }).runId);
    }
    await fireTrigger(t.deps, { instanceId, flowId: 'go', triggerType: 'manual', data: { n: 0 } });
    // Runs 1-6 started a minute apart, run 1 forty days ago; run 2 is still running.
    const day = 86_400_000;
    for (const [k, id] of ids.entries()) {
      const at = new Date(Date.now() - (k === 0 ? 40 * day : (6 - k) * 60_000)).toISOString();
      await t.deps.db.updateTable('flow_runs').set({ started_at: at, status: k === 1 ? 'running' : 'succeeded' }).where('id', '=', id).execute();
    }
    await t.deps.db.updateTable('flow_filtered').set({ at: new Date(Date.now() - 40 * day).toISOString() }).execute();

    const report = await pruneFlowRuns(t.deps.store, Date.now(), { days: 30, perInstance: 3 });
    const left = (await t.runs(instanceId)).map((r) => r.id);
    // Age took run 1 and the filtered firing; count kept the newest 3 (4, 5, 6) and run 2, which is running.
    expect(left.sort()).toEqual([ids[1], ids[3], ids[4], ids[5]].sort());
    expect(report).toEqual({ runs: 2, filtered: 1 });
  });
});

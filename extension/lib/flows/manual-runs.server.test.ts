import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { IntegrationDocument } from '@@/shared/flows/document';
import type { FlowsTestApp } from '../../../server/flows/runner/testing';
import { forEachEngine } from '../../../server/store/testing/engines';
import { api } from '../api';
import { db } from '../db';
import { startOutbox } from '../outbox/background-outbox';
import { useRealFlowsServer } from '../testing/real-server';
import { startFlows } from './background-flows';
import { runOutcome } from './run-outcome';

/**
 * A manual run from the extension's outbox to the real server and its runner, in
 * process: what the extension sends is what the route takes, what it answers is what the
 * extension reads, and the run happens once.
 */

const doc: IntegrationDocument = {
  weft: 'integration/v1',
  name: 'Escalations',
  configVars: [{ key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' }],
  flows: [
    {
      id: 'escalate',
      name: 'Escalate',
      trigger: { type: 'manual', from: ['github.issue'], if: 'trigger.number < 100' },
      steps: [{ id: 'post', action: 'slack.post_message', connection: 'slack', input: { channel: 'C0WEFTENG01', text: 'Escalated: {{trigger.title}} {{trigger.url}}' } }],
    },
  ],
};
const issue = { repo: 'octocat/hello-world', number: 2, title: 'Add a dark mode', url: 'https://github.com/octocat/hello-world/issues/2' };
const settled = (id: string) => vi.waitFor(async () => expect(['done', 'failed']).toContain((await db.outbox.get(id))?.status), { timeout: 5_000, interval: 10 });

forEachEngine('a manual run from the extension, against the real server', (engine) => {
  let server: FlowsTestApp;
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.stubGlobal('chrome', fakeBrowser);
    await db.delete();
    await db.open();
    server = await useRealFlowsServer(engine);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await server.close();
  });

  it('the manual flows are read from the real GET /api/instances, per place', async () => {
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(async () => undefined);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => '');
    const instanceId = await server.deploy(doc, { slack: await server.connectionOf('slack') });
    const flows = startFlows();
    const issue = await flows.forPlace('github.issue', true);
    expect(issue).toMatchObject({ error: null, data: [{ instanceId, instanceName: 'Escalations', flowId: 'escalate', flowName: 'Escalate', description: null, from: ['github.issue'], inputSchema: null }] });
    expect((await flows.forPlace('selection', false)).data).toEqual([]);
    expect(fakeBrowser.contextMenus.create).toHaveBeenCalledTimes(5);
  });

  it('runs once with the page’s entity as its trigger, and the extension reads the answer', async () => {
    const instanceId = await server.deploy(doc, { slack: await server.connectionOf('slack') });
    const outbox = startOutbox();
    const { id } = await outbox.enqueue({ instanceId, flowId: 'escalate', input: issue, label: 'Run Escalate', idempotencyKey: 'weft-e2e-run-0001' });
    await settled(id);
    const item = (await db.outbox.get(id))!;
    const outcome = runOutcome(item.result);
    expect(outcome).toMatchObject({ kind: 'started' });
    const [run] = await server.finishedRuns(instanceId);
    expect(run).toMatchObject({ id: (outcome as { runId: string }).runId, trigger_type: 'manual', status: 'succeeded' });
    expect(JSON.parse(run!.trigger)).toEqual(issue);
    expect(server.slack.listMessages('C0WEFTENG01').map((m) => m.text)).toContain('Escalated: Add a dark mode https://github.com/octocat/hello-world/issues/2');

    // The answer was lost and the outbox sends the item again, with its key: the same run.
    await db.outbox.update(id, { status: 'queued', nextAttemptAt: Date.now() });
    await outbox.flush({ force: true });
    expect(runOutcome((await db.outbox.get(id))!.result)).toEqual(outcome);
    expect(await server.runs(instanceId)).toHaveLength(1);
  });

  it('a filtered firing and a refusal come back in the server’s words', async () => {
    const instanceId = await server.deploy(doc, { slack: await server.connectionOf('slack') });
    expect(runOutcome(await api.runFlow(instanceId, 'escalate', { ...issue, number: 500 }))).toEqual({ kind: 'filtered', reason: '`trigger.number < 100` was false' });

    await server.deps.db.updateTable('flow_instances').set({ status: 'disabled' }).where('id', '=', instanceId).execute();
    const { id } = await startOutbox().enqueue({ instanceId, flowId: 'escalate', input: issue, label: 'Run Escalate', idempotencyKey: 'weft-e2e-run-0002' });
    await settled(id);
    expect(await db.outbox.get(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'This instance is disabled: enable it to run its flows.' });
    expect(await server.runs(instanceId)).toEqual([]);
  });
});

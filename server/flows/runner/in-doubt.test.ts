import { afterEach, expect, it } from 'vitest';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { findProvider } from '../../../shared/providers';
import { claimKey, requestHash } from '../../actions/idempotency';
import { forEachEngine } from '../../store/testing/engines';
import { fireTrigger } from './fire-trigger';
import { flowsTestApp, type FlowsTestApp } from './testing';

// A server killed after Slack posted a step's message but before Weft recorded it leaves
// the step's idempotency key pending and the message in the channel. Here that state is
// made by hand (the key claimed, the message posted with the key in its metadata, as the
// dead attempt would have), then the runner starts: it must find the message, not post it again.

const doc = (step: Record<string, unknown>): IntegrationDocument => ({
  weft: 'integration/v1', name: 'In doubt', configVars: [{ key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' }],
  flows: [{ id: 'go', name: 'Go', trigger: { type: 'manual' }, steps: [{ id: 'notify', connection: 'slack', ...step } as never] }],
});

forEachEngine('a flow step cut off mid-request', (engine) => {
  let t: FlowsTestApp;
  afterEach(async () => t?.close());

  /** The state a dead attempt leaves: its key claimed (pending) and, if it got that far, its message posted. */
  async function deadAttempt(action: string, input: Record<string, unknown>, posted: boolean) {
    const slackId = await t.connectionOf('slack');
    const instanceId = await t.deploy(doc({ action, input }), { slack: slackId });
    const fired = await fireTrigger(t.deps, { instanceId, flowId: 'go', triggerType: 'manual', data: {} });
    const runId = (fired as { runId: string }).runId;
    const key = `${runId}:notify`;
    const definition = findProvider('slack')!.actions![action.split('.')[1]!]!;
    await claimKey(t.deps.db, t.user.id, key, requestHash(['slack', action.split('.')[1], slackId, definition.input.parse(input)]));
    if (posted) {
      const res = await t.slack.app.request('/api/chat.postMessage', {
        method: 'POST', headers: { authorization: `Bearer ${t.slack.issueToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...input, metadata: { event_type: 'weft_action', event_payload: { idempotency_key: key } } }),
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    }
    t.startRunner();
    return { instanceId, runId };
  }

  it('finds the message the dead attempt posted and records it, posting nothing more', async () => {
    t = await flowsTestApp(engine, { startRunner: false });
    const { instanceId, runId } = await deadAttempt('slack.post_message', { channel: 'C0WEFTENG01', text: 'Posted before the crash' }, true);
    const [run] = await t.finishedRuns(instanceId);
    expect(run!.status).toBe('succeeded');
    const posted = t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'Posted before the crash');
    expect(posted).toHaveLength(1);
    const [step] = await t.steps(runId);
    expect(JSON.parse(step!.output!)).toMatchObject({ channel: 'C0WEFTENG01', ts: posted[0]!.ts });
  });

  it('posts once when the dead attempt had not posted yet', async () => {
    t = await flowsTestApp(engine, { startRunner: false });
    const { instanceId } = await deadAttempt('slack.post_message', { channel: 'C0WEFTENG01', text: 'Not posted before the crash' }, false);
    const [run] = await t.finishedRuns(instanceId);
    expect(run!.status).toBe('succeeded');
    expect(t.slack.listMessages('C0WEFTENG01').filter((m) => m.text === 'Not posted before the crash')).toHaveLength(1);
  });

  it('fails the step, sending nothing, when the provider cannot say whether the dead attempt acted', async () => {
    t = await flowsTestApp(engine, { startRunner: false });
    const before = t.slack.listMessages().length;
    const { instanceId } = await deadAttempt('slack.post_thread', { channel: 'C0WEFTENG01', threadTs: '1700000000.000100', text: 'A reply' }, false);
    const [run] = await t.finishedRuns(instanceId);
    expect(run).toMatchObject({ status: 'failed', error: 'An earlier attempt of this step was cut off mid-request and Slack cannot be asked whether it went through, so it was not sent again. Check Slack, then re-run the flow if it is missing.' });
    expect(t.slack.listMessages()).toHaveLength(before);
  });
});

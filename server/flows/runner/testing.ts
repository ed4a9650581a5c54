import { randomBytes } from 'node:crypto';
import { integrationDocument, type IntegrationDocument } from '../../../shared/flows/document';
import { actionsTestApp, type ActionsSetupOptions } from '../../testing/actions-setup';
import { newId, nowIso } from '../../lib/ids';
import type { Engine } from '../../store/engine';
import type { Store } from '../../store/open';
import type { User } from '../../../shared/protocol/auth';
import type { FlowRunStatus } from '../../store/schema';
import { followEvents } from './event-triggers';
import { flowTasks } from './tasks';

/**
 * Puts `document` straight into the tables as version 1 of a new integration of `user`'s,
 * deployed with `config`; resolves with the instance id. For tests, before the server runs.
 */
export async function insertInstance(
  store: Pick<Store, 'transaction'>, user: User, document: IntegrationDocument, config: Record<string, unknown> = {}, extra: { failureAlert?: unknown } = {},
): Promise<string> {
  const doc = integrationDocument.parse(document);
  const integrationId = newId('int');
  const instanceId = newId('ins');
  const now = nowIso();
  await store.transaction(async (tx) => {
    await tx.insertInto('integrations').values({
      id: integrationId, workspace_id: user.workspaceId, created_by: user.id, name: doc.name, description: '', category: '',
      labels: '[]', draft: JSON.stringify(doc), forked_from: null, created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('integration_versions').values({
      integration_id: integrationId, version: 1, note: '', document: JSON.stringify(doc), content_hash: 'test', available: 1, template: 0,
      published_by: user.id, published_at: now,
    }).execute();
    await tx.insertInto('flow_instances').values({
      id: instanceId, workspace_id: user.workspaceId, integration_id: integrationId, version: 1, name: doc.name,
      config: JSON.stringify(config), status: 'active', status_reason: null, webhook_token: randomBytes(16).toString('hex'),
      signing_secret: 'unused', failure_alert: extra.failureAlert === undefined ? null : JSON.stringify(extra.failureAlert),
      alert_connection_id: (extra.failureAlert as { connection?: string } | undefined)?.connection ?? null,
      created_by: user.id, created_at: now, updated_at: now,
    }).execute();
  });
  return instanceId;
}

/**
 * An integration of one manual flow (`go`, "Go", unless `flow` says otherwise) whose
 * steps may post with the `slack` connection variable: the runner tests' usual document.
 */
export const manualFlow = (steps: unknown[], options: { name?: string; flow?: Record<string, unknown> } = {}): IntegrationDocument => ({
  weft: 'integration/v1',
  name: options.name ?? 'Test',
  configVars: [{ key: 'slack', label: 'Slack', type: 'connection', provider: 'slack' }],
  flows: [{ id: 'go', name: 'Go', trigger: { type: 'manual' }, steps: steps as never, ...options.flow }],
});

/** A `slack.post_message` step with the `slack` connection, posting `text` in #eng (C0WEFTENG01) unless `more` says otherwise. */
export const slackPost = (id: string, text: string, more: Record<string, unknown> = {}) => ({
  id, action: 'slack.post_message', connection: 'slack', input: { channel: 'C0WEFTENG01', text }, ...more,
});

/**
 * A test app with the emulators' connections (actionsTestApp), a job runner running the
 * flow tasks, the event follower, and `deploy` to put an integration version straight
 * into the tables as an instance of the test user's.
 */
export async function flowsTestApp(engine: Engine, options: ActionsSetupOptions & { startRunner?: boolean } = {}) {
  const t = await actionsTestApp({ ...options, engine });
  const runner = t.deps.jobs.runner({ tasks: flowTasks(t.deps), pollMs: 20, concurrency: 4 });
  /** Starts running jobs (at once unless `startRunner: false`). */
  const startRunner = () => runner.start();
  if (options.startRunner !== false) startRunner();
  const stopFollowing = followEvents(t.deps);
  const connectionOf = async (provider: string) =>
    (await t.deps.db.selectFrom('connections').select('id').where('provider', '=', provider).where('workspace_id', '=', t.user.workspaceId).executeTakeFirstOrThrow()).id;

  /** Publishes `document` as version 1 of a new integration and deploys it with `config`; resolves with the instance id. */
  const deploy = (document: IntegrationDocument, config: Record<string, unknown> = {}, extra: { failureAlert?: unknown } = {}) =>
    insertInstance(t.deps.store, t.user, document, config, extra);

  /** Resolves once `check` returns a value (polled every 20 ms), or rejects after `timeoutMs` with what it saw last. */
  const waitFor = async <T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const runs = (instanceId: string) => t.deps.db.selectFrom('flow_runs').selectAll().where('instance_id', '=', instanceId).orderBy('started_at').execute();
  const steps = (runId: string) => t.deps.db.selectFrom('flow_run_steps').selectAll().where('run_id', '=', runId).orderBy('seq').execute();
  /** The instance's runs once `count` of them are finished (succeeded or failed). */
  const finishedRuns = (instanceId: string, count = 1, timeoutMs?: number) =>
    waitFor(`${count} finished run(s)`, async () => {
      const all = await runs(instanceId);
      const done = all.filter((r) => (['succeeded', 'failed'] as FlowRunStatus[]).includes(r.status));
      return done.length >= count ? done : undefined;
    }, timeoutMs);

  const close = async () => {
    stopFollowing();
    await runner.stop(2_000);
    await t.close();
  };
  return { ...t, deploy, waitFor, runs, steps, finishedRuns, connectionOf, startRunner, close };
}

export type FlowsTestApp = Awaited<ReturnType<typeof flowsTestApp>>;

import type { IntegrationDocument } from '../../../shared/flows/document';
import type { AppDeps } from '../../app-context';
import { newId, nowIso } from '../../lib/ids';
import type { FlowInstanceStatus } from '../../store/schema';
import { newSealedSigningSecret } from './signing-secrets';

/**
 * A deployed instance written straight into the tables, for the steps' and triggers'
 * tests: an integration with `document` as its version 1, deployed into `workspaceId`.
 * Resolves with the row, its signing secret in clear, and its webhook token.
 */
export async function insertTestInstance(
  deps: Pick<AppDeps, 'db' | 'vault'>,
  owner: { id: string; workspaceId: string },
  document: IntegrationDocument,
  options: { status?: FlowInstanceStatus; config?: Record<string, unknown> } = {},
) {
  const now = nowIso();
  const integrationId = newId('int');
  const id = newId('fin');
  const webhookToken = newId('fwh');
  const text = JSON.stringify(document);
  await deps.db.insertInto('integrations').values({ id: integrationId, workspace_id: owner.workspaceId, created_by: owner.id, name: document.name, description: '', category: '', labels: '[]', draft: text, created_at: now, updated_at: now }).execute();
  await deps.db.insertInto('integration_versions').values({ integration_id: integrationId, version: 1, note: '', document: text, content_hash: 'test', available: 1, template: 0, published_by: owner.id, published_at: now }).execute();
  const { secret, sealed } = newSealedSigningSecret(deps.vault, id);
  await deps.db
    .insertInto('flow_instances')
    .values({
      id, workspace_id: owner.workspaceId, integration_id: integrationId, version: 1, name: document.name, config: JSON.stringify(options.config ?? {}),
      status: options.status ?? 'active', webhook_token: webhookToken, signing_secret: sealed, failure_alert: null, status_reason: null, created_by: owner.id, created_at: now, updated_at: now,
    })
    .execute();
  const row = await deps.db.selectFrom('flow_instances').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { row, secret, webhookToken };
}

/** A one-flow document around `flow`. */
export const documentWith = (flow: IntegrationDocument['flows'][number]): IntegrationDocument => ({ weft: 'integration/v1', name: 'Test integration', flows: [flow] });

/** A manual flow with one outbound webhook step `hook`: the webhook step's tests deploy it. */
export const webhookStepFlow = documentWith({ id: 'notify', name: 'Notify', trigger: { type: 'manual' }, steps: [{ id: 'hook', webhook: { url: 'http://x.example/', body: {} } }] });

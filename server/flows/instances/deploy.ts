import type { Kysely } from 'kysely';
import type { IntegrationDocument } from '../../../shared/flows/document';
import type { User } from '../../../shared/protocol/auth';
import type { FailureAlert } from '../../../shared/protocol/flows';
import type { AppDeps } from '../../app-context';
import { HttpError } from '../../lib/http-error';
import { newId, nowIso } from '../../lib/ids';
import type { Database } from '../../store/schema';
import type { VersionRow } from '../integrations/repository';
import { resolveConfig } from './config-values';
import { connectionProblem } from './connection-health';
import { checkedFailureAlert } from './failure-alert';
import { replaceInstanceConnections } from './repository';
import { needsSigningSecret, newSigningSecret } from './signing-secret';
import { newWebhookToken } from './webhook-url';

export const versionUnavailable = (version: number) =>
  new HttpError(409, 'version_unavailable', `Version ${version} is marked unavailable, so it cannot be deployed. Mark it available, or choose another version.`);

/**
 * Deploys an available version into the user's workspace with its config values (checked,
 * defaults applied) and its failure alert (a Slack connection of the workspace, or none) and returns the new instance's id, with its signing secret when someone
 * outside Weft needs it (only this once). Every query runs on `db`, the caller's
 * transaction when the integration is created in the same step (a template install).
 * An instance whose connections are not all working starts paused, saying why.
 */
export async function deployInstance(
  deps: Pick<AppDeps, 'vault'>,
  db: Kysely<Database>,
  user: User,
  input: { version: VersionRow; config: Record<string, unknown>; name: string; failureAlert?: FailureAlert | null },
): Promise<{ id: string; signingSecret: string | null }> {
  if (input.version.available !== 1) throw versionUnavailable(input.version.version);
  const document = JSON.parse(input.version.document) as IntegrationDocument;
  const resolved = await resolveConfig(db, user.workspaceId, document.configVars ?? [], input.config);
  const failureAlert = await checkedFailureAlert(db, user.workspaceId, input.failureAlert ?? null);
  const id = newId('fin');
  const signing = newSigningSecret(deps.vault, id);
  const now = nowIso();
  await db
    .insertInto('flow_instances')
    .values({
      id,
      workspace_id: user.workspaceId,
      integration_id: input.version.integration_id,
      version: input.version.version,
      name: input.name,
      config: JSON.stringify(resolved.config),
      status: 'active',
      webhook_token: newWebhookToken(),
      signing_secret: signing.sealed,
      ...failureAlert,
      created_by: user.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await replaceInstanceConnections(db, id, resolved.connections);
  const problem = await connectionProblem(db, id);
  if (problem) await db.updateTable('flow_instances').set({ status: 'paused', status_reason: problem, paused_by: 'connection' }).where('id', '=', id).execute();
  return { id, signingSecret: needsSigningSecret(document) ? signing.secret : null };
}

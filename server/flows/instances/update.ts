import type { IntegrationDocument } from '../../../shared/flows/document';
import type { UpdateInstanceRequest } from '../../../shared/protocol/flows';
import type { AppDeps } from '../../app-context';
import { notFound } from '../../lib/http-error';
import { nowIso } from '../../lib/ids';
import { findVersion } from '../integrations/repository';
import { resumeHeldDeliveries } from '../steps/webhook-outbox';
import { resolveConfig } from './config-values';
import { connectionProblem } from './connection-health';
import { versionUnavailable } from './deploy';
import { checkedFailureAlert } from './failure-alert';
import { replaceInstanceConnections, type InstanceWithVersion } from './repository';
import { needsSigningSecret } from './signing-secret';

/**
 * `PATCH /api/instances/:id`. A new version (upgrade or roll back) must be available; runs
 * already in flight keep the version they started on (each run row stores it), new runs
 * start on this one. The config is checked against the version it will run with: values
 * sent replace the old ones; without new values, the old ones are kept where the version
 * still declares them. Turning it off is `disabled`; anything else that leaves it on is
 * `active` when its connections work, else `paused` saying which one does not; turned on
 * again from `disabled`, its held outbound webhooks go again (resumeHeldDeliveries). A failure
 * alert sent replaces the old one (null clears it). Answers
 * whether the new version is the first of this instance to need its signing secret.
 */
export async function updateInstance(deps: Pick<AppDeps, 'store' | 'jobs'>, workspaceId: string, row: InstanceWithVersion, body: UpdateInstanceRequest): Promise<{ secretNewlyNeeded: boolean }> {
  return deps.store.transaction(async (trx) => {
    const current = JSON.parse(row.document) as IntegrationDocument;
    let document = current;
    const changes: Record<string, unknown> = { updated_at: nowIso() };
    if (body.version !== undefined && body.version !== row.version) {
      const version = await findVersion(trx, row.integration_id, body.version);
      if (!version) throw notFound(`Version ${body.version}`);
      if (version.available !== 1) throw versionUnavailable(version.version);
      document = JSON.parse(version.document) as IntegrationDocument;
      changes.version = version.version;
    }
    if (changes.version !== undefined || body.config !== undefined) {
      const values = body.config ?? (JSON.parse(row.config) as Record<string, unknown>);
      const resolved = await resolveConfig(trx, workspaceId, document.configVars ?? [], values, { dropUnknown: body.config === undefined });
      changes.config = JSON.stringify(resolved.config);
      await replaceInstanceConnections(trx, row.id, resolved.connections);
    }
    if (body.name !== undefined) changes.name = body.name;
    if (body.failureAlert !== undefined) Object.assign(changes, await checkedFailureAlert(trx, workspaceId, body.failureAlert));

    const on = body.enabled ?? row.status !== 'disabled';
    if (!on) {
      Object.assign(changes, { status: 'disabled', status_reason: null, paused_by: null });
    } else {
      const problem = await connectionProblem(trx, row.id);
      Object.assign(changes, problem ? { status: 'paused', status_reason: problem, paused_by: 'connection' } : { status: 'active', status_reason: null, paused_by: null });
    }
    await trx.updateTable('flow_instances').set(changes).where('id', '=', row.id).execute();
    // Its outbound webhooks were held while it was disabled: they go again now.
    if (on && row.status === 'disabled') await resumeHeldDeliveries(deps, trx, row.id);
    return { secretNewlyNeeded: document !== current && needsSigningSecret(document) && !needsSigningSecret(current) };
  });
}

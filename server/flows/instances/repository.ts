import type { Kysely, Selectable } from 'kysely';
import type { IntegrationDocument } from '../../../shared/flows/document';
import { failureAlertSchema, type FailureAlert, type FlowInstance } from '../../../shared/protocol/flows';
import type { Database, FlowInstancesTable } from '../../store/schema';
import { flowSummaries } from '../integrations/flow-summaries';
import { memberWorkspaces } from '../integrations/repository';
import { flowWebhookUrl } from './webhook-url';

export type InstanceRow = Selectable<FlowInstancesTable>;

/** An instance row with what its view needs from its integration and version. */
export type InstanceWithVersion = InstanceRow & { integration_name: string; document: string };

/** Instances with their integration's name and their version's document. */
const withVersion = (db: Kysely<Database>) =>
  db
    .selectFrom('flow_instances')
    .innerJoin('integrations', 'integrations.id', 'flow_instances.integration_id')
    .innerJoin('integration_versions', (join) =>
      join.onRef('integration_versions.integration_id', '=', 'flow_instances.integration_id').onRef('integration_versions.version', '=', 'flow_instances.version'),
    )
    .selectAll('flow_instances')
    .select(['integrations.name as integration_name', 'integration_versions.document']);

/** The user's instances, oldest first; with `integrationId`, that integration's only. */
export async function listVisibleInstances(db: Kysely<Database>, userId: string, integrationId?: string): Promise<InstanceWithVersion[]> {
  let query = withVersion(db).where('flow_instances.workspace_id', 'in', memberWorkspaces(db, userId));
  if (integrationId) query = query.where('flow_instances.integration_id', '=', integrationId);
  return query.orderBy('flow_instances.created_at').orderBy('flow_instances.id').execute();
}

/** An instance the user may see, or undefined: another workspace's id is "not found". */
export async function findVisibleInstance(db: Kysely<Database>, userId: string, id: string): Promise<InstanceWithVersion | undefined> {
  return withVersion(db).where('flow_instances.id', '=', id).where('flow_instances.workspace_id', 'in', memberWorkspaces(db, userId)).executeTakeFirst();
}

/** The browser's view: no webhook token on its own, no signing secret, ever. */
export function toInstanceView(row: InstanceWithVersion, publicUrl: string): FlowInstance {
  const document = JSON.parse(row.document) as IntegrationDocument;
  const flows = flowSummaries(document);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    integrationId: row.integration_id,
    integrationName: row.integration_name,
    version: row.version,
    name: row.name,
    config: JSON.parse(row.config) as Record<string, unknown>,
    status: row.status,
    statusReason: row.status_reason,
    flows,
    webhookUrls: flows.filter((f) => f.trigger.type === 'webhook').map((f) => ({ flowId: f.id, url: flowWebhookUrl(publicUrl, row.webhook_token, f.id) })),
    failureAlert: failureAlertOf(row.failure_alert),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The stored failure alert as the API shows it; null when none (or, written before the API checked it, not of that shape). */
function failureAlertOf(stored: string | null): FailureAlert | null {
  if (stored === null) return null;
  try {
    const parsed = failureAlertSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Which connections the instance's config names: rewritten with every config or version change. */
export async function replaceInstanceConnections(db: Kysely<Database>, instanceId: string, connections: { configKey: string; connectionId: string }[]) {
  await db.deleteFrom('flow_instance_connections').where('instance_id', '=', instanceId).execute();
  if (connections.length === 0) return;
  await db
    .insertInto('flow_instance_connections')
    .values(connections.map((c) => ({ instance_id: instanceId, config_key: c.configKey, connection_id: c.connectionId })))
    .execute();
}

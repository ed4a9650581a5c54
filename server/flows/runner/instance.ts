import type { Kysely, Selectable } from 'kysely';
import type { User } from '../../../shared/protocol/auth';
import type { Flow, IntegrationDocument } from '../../../shared/flows/document';
import { personalWorkspaceId } from '../../accounts/users';
import type { Database, FlowInstancesTable } from '../../store/schema';

export type FlowInstanceRow = Selectable<FlowInstancesTable>;

/** What a run needs to know about where it runs: the instance, its version's flow, its owner, its config. */
export interface FlowContext {
  instance: FlowInstanceRow;
  document: IntegrationDocument;
  flow: Flow;
  owner: User;
  config: Record<string, unknown>;
}

/** What firing a trigger needs: the instance, its flow in the instance's version, its config. */
export interface TriggerContext {
  instance: FlowInstanceRow;
  flow: Flow;
  config: Record<string, unknown>;
}

/**
 * Loads an instance with the flow `flowId` of version `version` (the instance's own when
 * absent). Undefined when the instance, the version or the flow is gone.
 */
export async function loadTriggerContext(db: Kysely<Database>, instanceId: string, flowId: string, version?: number): Promise<(TriggerContext & { document: IntegrationDocument }) | undefined> {
  const instance = await db.selectFrom('flow_instances').selectAll().where('id', '=', instanceId).executeTakeFirst();
  if (!instance) return undefined;
  const row = await db
    .selectFrom('integration_versions')
    .select('document')
    .where('integration_id', '=', instance.integration_id)
    .where('version', '=', version ?? instance.version)
    .executeTakeFirst();
  if (!row) return undefined;
  const document = JSON.parse(row.document) as IntegrationDocument;
  const flow = document.flows.find((f) => f.id === flowId);
  if (!flow) return undefined;
  return { instance, document, flow, config: instanceConfig(document, instance.config) };
}

/**
 * Loads what a run's steps need: the instance with the flow `flowId` of version `version`
 * (a run keeps the version it started on, so an upgrade of the instance never changes a
 * run in flight), and its owner. Undefined when any of them is gone.
 */
export async function loadFlowContext(db: Kysely<Database>, instanceId: string, flowId: string, version?: number): Promise<FlowContext | undefined> {
  const ctx = await loadTriggerContext(db, instanceId, flowId, version);
  if (!ctx) return undefined;
  const user = await db.selectFrom('users').select(['id', 'email']).where('id', '=', ctx.instance.created_by).executeTakeFirst();
  if (!user) return undefined;
  const owner: User = { id: user.id, email: user.email, workspaceId: await personalWorkspaceId(db, user.id) };
  return { ...ctx, owner };
}

/** The instance's config values over the document's defaults. */
export function instanceConfig(document: IntegrationDocument, configJson: string): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const v of document.configVars ?? []) {
    if ('default' in v && v.default !== undefined) config[v.key] = v.default;
  }
  let values: unknown = {};
  try {
    values = JSON.parse(configJson);
  } catch {
    values = {};
  }
  if (values && typeof values === 'object' && !Array.isArray(values)) {
    for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined) config[key] = value;
  }
  return config;
}

import type { Kysely, Selectable } from 'kysely';
import type { User } from '../../../shared/protocol/auth';
import type { Flow, IntegrationDocument } from '../../../shared/flows/document';
import { unchanging } from '../../../shared/flows/expressions';
import { keptRecent } from '../../lib/recent';
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
  // One query for both rows: this runs for every step of every run.
  const row = await db
    .selectFrom('flow_instances as i')
    .innerJoin('integration_versions as v', (join) => {
      const same = join.onRef('v.integration_id', '=', 'i.integration_id');
      return version === undefined ? same.onRef('v.version', '=', 'i.version') : same.on('v.version', '=', version);
    })
    .selectAll('i')
    .select('v.document as version_document')
    .where('i.id', '=', instanceId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { version_document: text, ...instance } = row;
  const document = parsedDocument(`${instance.integration_id}:${version ?? instance.version}`, text);
  const flow = document.flows.find((f) => f.id === flowId);
  if (!flow) return undefined;
  return { instance, document, flow, config: instanceConfig(document, instance.config) };
}

/**
 * A version's document, parsed once, among the 200 used last: a published version's
 * document never changes (its content hash is its identity), so every step of every run of
 * it shares one frozen copy.
 */
const parsedDocuments = keptRecent<IntegrationDocument>(200);
const parsedDocument = (key: string, text: string) => parsedDocuments.get(key) ?? parsedDocuments.set(key, unchanging(JSON.parse(text) as IntegrationDocument));

/**
 * Loads what a run's steps need: the instance with the flow `flowId` of version `version`
 * (a run keeps the version it started on, so an upgrade of the instance never changes a
 * run in flight), and its owner. Undefined when any of them is gone.
 */
export async function loadFlowContext(db: Kysely<Database>, instanceId: string, flowId: string, version?: number): Promise<FlowContext | undefined> {
  const ctx = await loadTriggerContext(db, instanceId, flowId, version);
  if (!ctx) return undefined;
  const owner = await personalOwner(db, ctx.instance.created_by);
  if (!owner) return undefined;
  return { ...ctx, owner };
}

/** The user with their personal workspace, in one query; undefined when the user is gone. */
async function personalOwner(db: Kysely<Database>, userId: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('workspace_members as m', 'm.user_id', 'u.id')
    .innerJoin('workspaces as w', (join) => join.onRef('w.id', '=', 'm.workspace_id').on('w.personal', '=', 1))
    .select(['u.id', 'u.email', 'w.id as workspaceId'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row && { id: row.id, email: row.email, workspaceId: row.workspaceId };
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

import type { Kysely } from 'kysely';
import type { IntegrationDocument } from '../../../shared/flows/document';
import type { Template } from '../../../shared/protocol/flows';
import type { Database } from '../../store/schema';
import { flowSummaries } from '../integrations/flow-summaries';
import { memberWorkspaces } from '../integrations/repository';
import { builtinTemplates } from './builtin';

const BUILTIN_PREFIX = 'builtin:';

/** `<integrationId>:v<n>`: a version its workspace marked as a template. */
const versionTemplateId = /^(.+):v([1-9][0-9]{0,8})$/;

function toTemplate(id: string, document: IntegrationDocument, from: { integrationId: string; version: number } | null): Template {
  return {
    id,
    source: from ? 'workspace' : 'builtin',
    name: document.name,
    description: document.description ?? '',
    category: document.category ?? '',
    labels: document.labels ?? [],
    configVars: document.configVars ?? [],
    flows: flowSummaries(document),
    document,
    integrationId: from?.integrationId ?? null,
    version: from?.version ?? null,
  };
}

/** The gallery: the built-in templates, then the versions the user's workspaces marked as templates (newest first). */
export async function listTemplates(db: Kysely<Database>, userId: string): Promise<Template[]> {
  const builtin = builtinTemplates().map((t) => toTemplate(`${BUILTIN_PREFIX}${t.slug}`, t.document, null));
  const rows = await db
    .selectFrom('integration_versions as v')
    .innerJoin('integrations as i', 'i.id', 'v.integration_id')
    .select(['v.integration_id', 'v.version', 'v.document'])
    .where('v.template', '=', 1)
    .where('i.workspace_id', 'in', memberWorkspaces(db, userId))
    .orderBy('v.published_at', 'desc')
    .orderBy('v.integration_id')
    .orderBy('v.version', 'desc')
    .execute();
  const own = rows.map((r) => toTemplate(`${r.integration_id}:v${r.version}`, JSON.parse(r.document) as IntegrationDocument, { integrationId: r.integration_id, version: r.version }));
  return [...builtin, ...own];
}

/** One template by id, if the user may install it: built-in, or marked as a template in one of their workspaces. */
export async function findTemplate(db: Kysely<Database>, userId: string, id: string): Promise<Template | undefined> {
  if (id.startsWith(BUILTIN_PREFIX)) {
    const found = builtinTemplates().find((t) => `${BUILTIN_PREFIX}${t.slug}` === id);
    return found && toTemplate(id, found.document, null);
  }
  const match = versionTemplateId.exec(id);
  if (!match) return undefined;
  const row = await db
    .selectFrom('integration_versions as v')
    .innerJoin('integrations as i', 'i.id', 'v.integration_id')
    .select(['v.integration_id', 'v.version', 'v.document'])
    .where('v.integration_id', '=', match[1]!)
    .where('v.version', '=', Number(match[2]))
    .where('v.template', '=', 1)
    .where('i.workspace_id', 'in', memberWorkspaces(db, userId))
    .executeTakeFirst();
  return row && toTemplate(id, JSON.parse(row.document) as IntegrationDocument, { integrationId: row.integration_id, version: row.version });
}

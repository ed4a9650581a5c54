import { sql, type Kysely, type Selectable } from 'kysely';
import type { IntegrationDocument } from '../../../shared/flows/document';
import type { IntegrationSummary, VersionSummary } from '../../../shared/protocol/flows';
import type { Database, IntegrationsTable, IntegrationVersionsTable } from '../../store/schema';
import { foldForSearch, searchText } from './search-text';

export type IntegrationRow = Selectable<IntegrationsTable>;
export type VersionRow = Selectable<IntegrationVersionsTable>;

/** The workspaces a user belongs to, as a subquery: every flow object is visible through one of them. */
export const memberWorkspaces = (db: Kysely<Database>, userId: string) =>
  db.selectFrom('workspace_members').select('workspace_id').where('user_id', '=', userId);

/** The columns a document's search fields fill, kept in step with the draft. */
export function searchColumns(document: IntegrationDocument) {
  const fields = { name: document.name, description: document.description ?? '', category: document.category ?? '', labels: document.labels ?? [] };
  return { ...fields, labels: JSON.stringify(fields.labels), ...searchText(fields) };
}

/**
 * An integration the user may see: it must sit in one of their workspaces. Anything else is
 * "not found", so ids of other people's integrations reveal nothing.
 */
export async function findVisibleIntegration(db: Kysely<Database>, userId: string, id: string): Promise<IntegrationRow | undefined> {
  return db.selectFrom('integrations').selectAll().where('id', '=', id).where('workspace_id', 'in', memberWorkspaces(db, userId)).executeTakeFirst();
}

export interface IntegrationFilter {
  /** Words, each somewhere in the name, description, category or labels, any case. */
  q?: string;
  label?: string;
  category?: string;
}

/** `%`, `_` and the escape itself match literally in a LIKE pattern built from user text. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The user's integrations matching the filter, most recently changed first, with the counts the list shows. */
export async function listVisibleIntegrations(db: Kysely<Database>, userId: string, filter: IntegrationFilter) {
  let query = db
    .selectFrom('integrations')
    .selectAll('integrations')
    .select((eb) => [
      eb.selectFrom('integration_versions').select((sub) => sub.fn.max('version').as('v')).whereRef('integration_id', '=', 'integrations.id').as('latest_version'),
      eb.selectFrom('flow_instances').select((sub) => sub.fn.countAll().as('n')).whereRef('integration_id', '=', 'integrations.id').as('instance_count'),
    ])
    .where('workspace_id', 'in', memberWorkspaces(db, userId));
  // Each word of `q` must be in the name, the description, the category or a label, so
  // "slack urgent" finds "Urgent bugs" labelled slack (at most 10 words: a query, not a document).
  // Both sides are folded by Weft (search-text.ts), so the match is the same on both
  // engines and for every script: neither's lower() is used.
  const words = foldForSearch(filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10);
  for (const word of words) query = query.where(sql<boolean>`search_text like ${`%${likeLiteral(word)}%`} escape '\\'`);
  const label = filter.label?.trim().toLowerCase();
  // Labels are a JSON array of lower-case strings: a label is there when its JSON text is.
  if (label) query = query.where(sql<boolean>`labels like ${`%${likeLiteral(JSON.stringify(label))}%`} escape '\\'`);
  const category = foldForSearch(filter.category?.trim() ?? '');
  if (category) query = query.where('category_key', '=', category);
  return query.orderBy('updated_at', 'desc').orderBy('id').execute();
}

type Counts = { latest_version?: number | string | null; instance_count?: number | string | bigint | null };

export function toIntegrationSummary(row: IntegrationRow & Counts): IntegrationSummary {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    category: row.category,
    labels: JSON.parse(row.labels) as string[],
    forkedFrom: row.forked_from,
    latestVersion: row.latest_version == null ? null : Number(row.latest_version),
    instanceCount: Number(row.instance_count ?? 0),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toVersionSummary(row: VersionRow): VersionSummary {
  return {
    integrationId: row.integration_id,
    version: row.version,
    note: row.note,
    contentHash: row.content_hash,
    available: row.available === 1,
    template: row.template === 1,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
  };
}

/** The versions of an integration, newest first. */
export async function listVersions(db: Kysely<Database>, integrationId: string): Promise<VersionRow[]> {
  return db.selectFrom('integration_versions').selectAll().where('integration_id', '=', integrationId).orderBy('version', 'desc').execute();
}

export async function findVersion(db: Kysely<Database>, integrationId: string, version: number): Promise<VersionRow | undefined> {
  return db.selectFrom('integration_versions').selectAll().where('integration_id', '=', integrationId).where('version', '=', version).executeTakeFirst();
}

import type { Kysely } from 'kysely';

/**
 * `integration_versions.yaml`: the text a version was published from, when its draft was
 * saved as YAML (`integrations.draft_yaml`, migration 020), so a version viewed, compared
 * or exported as YAML keeps its author's comments and layout. Null for a version published
 * from a draft saved as JSON (or before this column): its YAML is written out from its
 * document, which stays the version of record (hash, deploys, runs).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('integration_versions').addColumn('yaml', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('integration_versions').dropColumn('yaml').execute();
}

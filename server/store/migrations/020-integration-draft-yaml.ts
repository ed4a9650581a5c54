import type { Kysely } from 'kysely';

/**
 * `integrations.draft_yaml`: the draft as its author last saved it in YAML, comments, key
 * order and layout kept, so the editor opens it as it was written rather than as the
 * document written out again. Null when the draft was last saved as JSON (or before this
 * column): the editor then writes the YAML out from `draft`, which stays the document of
 * record (search, publish and fork read it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('integrations').addColumn('draft_yaml', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('integrations').dropColumn('draft_yaml').execute();
}

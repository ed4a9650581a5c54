import type { Kysely } from 'kysely';

/**
 * What the integrations list searches, folded to lower case by Weft rather than by the
 * database: SQLite's lower() and LIKE fold ASCII letters only, so "équipe" did not find
 * "Équipe" there (PostgreSQL's did). `search_text`: name, description, category and labels
 * folded and normalized (NFC), one per line; `category_key`: the category folded, for the
 * category filter. Existing integrations are filled in from their columns, folded as
 * server/flows/integrations/search-text.ts folds them (copied here: a migration must not
 * change when the app's code does).
 */
const fold = (text: string) => text.normalize('NFC').toLowerCase();
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('integrations').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('integrations').addColumn('category_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  const rows = await db.selectFrom('integrations').select(['id', 'name', 'description', 'category', 'labels']).execute();
  for (const row of rows as { id: string; name: string; description: string; category: string; labels: string }[]) {
    let labels: string[] = [];
    try {
      const parsed: unknown = JSON.parse(row.labels);
      if (Array.isArray(parsed)) labels = parsed.filter((l): l is string => typeof l === 'string');
    } catch {
      labels = [];
    }
    const searchText = fold([row.name, row.description, row.category, ...labels].join('\n'));
    await db.updateTable('integrations').set({ search_text: searchText, category_key: fold(row.category) }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('integrations').dropColumn('category_key').execute();
  await db.schema.alterTable('integrations').dropColumn('search_text').execute();
}

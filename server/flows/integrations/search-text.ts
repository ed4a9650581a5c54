/**
 * Text folded for searching: lower case by Unicode's rules (not the database's, which on
 * SQLite folds ASCII only) and composed (NFC), so "É" typed or stored either way matches.
 */
export const foldForSearch = (text: string) => text.normalize('NFC').toLowerCase();

/** The integrations list's search columns for these fields (migration 021). */
export function searchText(fields: { name: string; description: string; category: string; labels: readonly string[] }) {
  return {
    // One field per line: a searched word has no whitespace, so it never spans two fields.
    search_text: foldForSearch([fields.name, fields.description, fields.category, ...fields.labels].join('\n')),
    category_key: foldForSearch(fields.category),
  };
}

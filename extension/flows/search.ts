/** What the list searches: an integration's name, description, category and labels. */
export type Searchable = { name: string; description?: string | null; category?: string | null; labels?: readonly string[] | null };

/**
 * Every word typed must appear in one of the integration's name, description, category
 * or labels (case and accents ignored), so "slack urgent" finds "Urgent bugs" labelled slack.
 *
 * @example filterIntegrations(list, 'eng slack')
 */
export function filterIntegrations<T extends Searchable>(items: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const haystack = fold([item.name, item.description ?? '', item.category ?? '', ...(item.labels ?? [])].join('\n'));
    return words.every((w) => haystack.includes(w));
  });
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

import { categoryLabels, providerCategories, type ProviderCategory } from '@@/shared/providers/schema';
import type { ProviderView } from '@@/shared/protocol';

/** The "Add connection" screen's logic, apart from the UI so it is tested without a DOM. */

export type CatalogGroup = { category: ProviderCategory; label: string; providers: ProviderView[] };

/** Every word typed must appear in the provider's name, category or category label. */
export function filterCatalog(providers: readonly ProviderView[], query: string): ProviderView[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...providers];
  return providers.filter((p) => {
    const haystack = fold(`${p.name} ${p.category} ${categoryLabels[p.category] ?? ''}`);
    return words.every((w) => haystack.includes(w));
  });
}

/** Groups in the catalog's category order, providers by name; empty groups left out. */
export function groupByCategory(providers: readonly ProviderView[]): CatalogGroup[] {
  return providerCategories
    .map((category) => ({
      category,
      label: categoryLabels[category],
      providers: providers.filter((p) => p.category === category).sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .filter((g) => g.providers.length > 0);
}

/** How a provider can be connected. HubSpot offers both: OAuth and a private-app token. */
export function authChoices(p: ProviderView): { oauth: boolean; key: boolean } {
  return { oauth: p.authMode === 'oauth2', key: p.apiKey !== undefined };
}

export function authModeLabel(p: ProviderView): string {
  const { oauth, key } = authChoices(p);
  const keyLabel = p.authMode === 'bot_token' ? 'Bot token' : 'API key';
  if (oauth && key) return `OAuth or ${p.apiKey?.label.toLowerCase() ?? 'token'}`;
  return oauth ? 'OAuth' : keyLabel;
}

/** The admin's to-do for an OAuth provider this server has no client for. */
export function notConfiguredNote(p: ProviderView): string {
  const env = p.missingEnv.length > 0 ? p.missingEnv : [`WEFT_${p.id.toUpperCase().replace(/-/g, '_')}_CLIENT_ID`];
  return `Not configured on this server — set ${joinWords(env)}.`;
}

function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Lower case without accents, so "crm" finds "CRM" and "creme" finds "Crème". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

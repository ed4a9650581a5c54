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
  if (oauth && key) return `OAuth or ${keyLabelInSentence(p)}`;
  return oauth ? 'OAuth' : keyLabel;
}

/**
 * True when this server can connect the provider now: its OAuth app is configured, or
 * it takes a key Weft can check. The others need an admin first.
 */
export function canConnect(p: ProviderView): boolean {
  const { oauth, key } = authChoices(p);
  return (oauth && p.configured) || (key && p.canVerifyKey);
}

/**
 * The catalog split for "Add connection": what the user can connect now (listed first,
 * grouped), and what needs server setup (collapsed, for the admin).
 */
export function splitByReadiness(providers: readonly ProviderView[]): { ready: ProviderView[]; needsSetup: ProviderView[] } {
  const ready = providers.filter(canConnect);
  const needsSetup = providers.filter((p) => !canConnect(p)).sort((a, b) => a.name.localeCompare(b.name));
  return { ready, needsSetup };
}

/** The env variables an admin sets to make an OAuth provider connectable (the main one when the server does not say). */
export function setupEnv(p: ProviderView): string[] {
  return p.missingEnv.length > 0 ? p.missingEnv : [`WEFT_${p.id.toUpperCase().replace(/-/g, '_')}_CLIENT_ID`];
}


/**
 * The key's label as it reads inside a sentence: "private app access token", "API key",
 * "Trello token" (acronyms and the provider's own name keep their capitals).
 */
export function keyLabelInSentence(p: ProviderView): string {
  const label = p.apiKey?.label ?? 'token';
  return label
    .split(' ')
    .map((word, i) => (/^[A-Z][a-z]+$/.test(word) && !(i === 0 && label.startsWith(p.name)) ? word.toLowerCase() : word))
    .join(' ');
}

/**
 * "a token", "an API key", "an access token": the article goes by the sound, and an
 * acronym is read letter by letter (A, F, H, L, M, N, R, S, X start with a vowel sound).
 */
export function withArticle(phrase: string): string {
  const first = phrase.split(' ')[0] ?? '';
  const acronym = first.length > 1 && first === first.toUpperCase();
  const vowelSound = acronym ? /^[AEFHILMNORSX]/.test(first) : /^[aeiou]/i.test(first);
  return `${vowelSound ? 'an' : 'a'} ${phrase}`;
}


/** Lower case without accents, so "crm" finds "CRM" and "creme" finds "Crème". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

import github from './github';
import hubspot from './hubspot';
import slack from './slack';
import { providerSchema, type Provider, type ProviderInput } from './schema';

export * from './schema';

/** Every provider file, in the order the catalog lists them (alphabetical by name). */
const entries: ProviderInput[] = [github, hubspot, slack];

/** The parsed catalog. Parsing here means a malformed entry fails at import, loudly. */
export const catalog: readonly Provider[] = entries
  .map((e) => providerSchema.parse(e))
  .sort((a, b) => a.name.localeCompare(b.name));

const byId = new Map(catalog.map((p) => [p.id, p]));

export function findProvider(id: string): Provider | undefined {
  return byId.get(id);
}

import { catalog } from '@@/shared/providers';

const names = new Map(catalog.map((p) => [p.id, p.name]));

/** A provider's name from the catalog ("github" → "GitHub"), or its id when the catalog does not know it. */
export const providerName = (id: string): string => names.get(id) ?? id;

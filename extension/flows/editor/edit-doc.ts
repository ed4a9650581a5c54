import type { IntegrationDocument } from '@@/shared/flows/document';

/** One change to the document: the recipe mutates a copy, so the state the editor holds is never changed in place. */
export type EditDoc = (recipe: (draft: IntegrationDocument) => void) => void;

export function edited(doc: IntegrationDocument, recipe: (draft: IntegrationDocument) => void): IntegrationDocument {
  const copy = structuredClone(doc);
  recipe(copy);
  return dropUndefined(copy) as IntegrationDocument;
}

/** A field cleared in the form is left out of the document (YAML would write `key: null`). */
function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, dropUndefined(v)]));
  }
  return value;
}

/** Moves item `from` one place up (-1) or down (+1) in a list. */
export function move<T>(list: T[], from: number, by: -1 | 1): void {
  const to = from + by;
  if (to < 0 || to >= list.length) return;
  [list[from], list[to]] = [list[to]!, list[from]!];
}

import type { RawBuilder } from 'kysely';

/**
 * Conditions on columns that hold a JSON array of ids (`deliveries.workspace_ids`,
 * `rejected_delivery_counts.workspace_ids`). Reading inside JSON is different on every
 * engine, so each engine supplies these fragments (sqlite/json-lists.ts) and queries
 * elsewhere stay portable Kysely.
 */
export interface JsonLists {
  /** True when the array in `column` shares at least one element with `values`. */
  overlaps(column: string, values: readonly string[]): RawBuilder<boolean>;
}

import { sql, type RawBuilder } from 'kysely';

/**
 * `column` holds a JSON array of strings (a delivery's `workspace_ids`); true when it
 * shares an element with `values`. JSON functions differ per engine, so the expression is
 * written here, in the store, and queries elsewhere stay portable Kysely.
 */
export function jsonArrayOverlaps(column: string, values: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM json_each(${sql.ref(column)}) AS w WHERE w.value IN (SELECT value FROM json_each(${JSON.stringify(values)})))`;
}

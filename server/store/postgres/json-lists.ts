import { sql } from 'kysely';
import type { JsonLists } from '../json-lists';

/** The columns hold JSON text (as on SQLite); read as jsonb, compared with a text[] parameter. */
export const postgresJsonLists: JsonLists = {
  overlaps: (column, values) =>
    sql<boolean>`EXISTS (SELECT 1 FROM jsonb_array_elements_text(CAST(${sql.ref(column)} AS jsonb)) AS w(value) WHERE w.value = ANY(CAST(${[...values]} AS text[])))`,
};

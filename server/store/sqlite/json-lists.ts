import { sql } from 'kysely';
import type { JsonLists } from '../json-lists';

export const sqliteJsonLists: JsonLists = {
  overlaps: (column, values) =>
    sql<boolean>`EXISTS (SELECT 1 FROM json_each(${sql.ref(column)}) w WHERE w.value IN (SELECT value FROM json_each(${JSON.stringify(values)})))`,
};

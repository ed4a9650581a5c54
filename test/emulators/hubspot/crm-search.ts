import type { CrmRecord } from './crm-store';
import { SEARCHABLE } from './crm-schema';

/** One filter of a filterGroup, as the search endpoints take it. */
export interface SearchFilter {
  propertyName?: unknown;
  operator?: unknown;
  value?: unknown;
  highValue?: unknown;
  values?: unknown;
}

export const OPERATORS = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

const tokens = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Numbers, epoch milliseconds and ISO dates compare as numbers; anything else as lower-case text. */
function comparable(value: string): number | string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  return value.toLowerCase();
}

function compare(a: string, b: string): number {
  const x = comparable(a);
  const y = comparable(b);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

/**
 * CONTAINS_TOKEN: every word of the value is a word of the property; `*` is a wildcard
 * over the whole value (HubSpot's `*@example.com`).
 */
function containsToken(property: string, value: string): boolean {
  if (value.includes('*')) {
    const pattern = new RegExp(`^${value.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    return pattern.test(property) || tokens(property).some((t) => pattern.test(t));
  }
  const have = tokens(property);
  return tokens(value).every((t) => have.includes(t));
}

export function matchesFilter(record: CrmRecord, filter: SearchFilter): boolean {
  const property = record.properties[String(filter.propertyName)];
  const value = filter.value === undefined || filter.value === null ? '' : String(filter.value);
  const values = Array.isArray(filter.values) ? filter.values.map((v) => String(v).toLowerCase()) : [];
  switch (filter.operator) {
    case 'HAS_PROPERTY': return property !== undefined;
    case 'NOT_HAS_PROPERTY': return property === undefined;
    case 'NEQ': return property === undefined || compare(property, value) !== 0;
    case 'NOT_IN': return property === undefined || !values.includes(property.toLowerCase());
    case 'NOT_CONTAINS_TOKEN': return property === undefined || !containsToken(property, value);
  }
  if (property === undefined) return false;
  switch (filter.operator) {
    case 'EQ': return compare(property, value) === 0;
    case 'LT': return compare(property, value) < 0;
    case 'LTE': return compare(property, value) <= 0;
    case 'GT': return compare(property, value) > 0;
    case 'GTE': return compare(property, value) >= 0;
    case 'BETWEEN': return compare(property, value) >= 0 && compare(property, String(filter.highValue ?? '')) <= 0;
    case 'IN': return values.includes(property.toLowerCase());
    case 'CONTAINS_TOKEN': return containsToken(property, value);
    default: return false;
  }
}

/** `query`: each word must begin a word of one of the type's searchable properties. */
export function matchesQuery(record: CrmRecord, query: string): boolean {
  const words = SEARCHABLE[record.type].flatMap((name) => tokens(record.properties[name] ?? ''));
  return tokens(query).every((q) => words.some((w) => w.startsWith(q)));
}

/** Groups are ORed, filters inside a group ANDed; no groups matches everything. */
export function matchesGroups(record: CrmRecord, groups: { filters?: SearchFilter[] }[]): boolean {
  return groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matchesFilter(record, f)));
}

/** A sort as `{ propertyName, direction }` or `'-createdate'`; default is by id, oldest first. */
export function sortRecords(records: CrmRecord[], sort: unknown): CrmRecord[] {
  let name = 'hs_object_id';
  let direction = 1;
  if (typeof sort === 'string') {
    name = sort.replace(/^-/, '');
    direction = sort.startsWith('-') ? -1 : 1;
  } else if (sort && typeof sort === 'object') {
    const s = sort as { propertyName?: unknown; direction?: unknown };
    if (typeof s.propertyName === 'string') name = s.propertyName;
    direction = s.direction === 'DESCENDING' ? -1 : 1;
  }
  return [...records].sort((a, b) => {
    const x = a.properties[name];
    const y = b.properties[name];
    if (x === undefined || y === undefined) return x === y ? Number(a.id) - Number(b.id) : x === undefined ? 1 : -1;
    return direction * compare(x, y) || Number(a.id) - Number(b.id);
  });
}

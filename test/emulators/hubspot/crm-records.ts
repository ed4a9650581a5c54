import { invalidAssociations, invalidInput, propertyValuesInvalid, type PropertyProblem } from './errors';
import type { CrmRecord, CrmRef } from './crm-store';
import { ASSOCIATION_TYPES, CREATED, DEFAULT_PROPERTIES, MODIFIED, OPTIONS, READ_ONLY, REQUIRED, SINGULAR, WRITABLE, type CrmType } from './crm-schema';
import type { HubspotState } from './state';

/**
 * A record as the v3 object endpoints answer it. `properties` lists the names asked for
 * (null when unset) plus the id and timestamps HubSpot always adds; none asked for means
 * the type's defaults; 'all' (create and update answers) means every stored value.
 * `associations` adds `{ companies: { results: [{ id, type: 'contact_to_company' }] } }`
 * for each requested type the record has associations with.
 */
export function recordJson(state: HubspotState, record: CrmRecord, properties: string[] | 'all' = [], associations: CrmType[] = []): Record<string, unknown> {
  let props: Record<string, string | null>;
  if (properties === 'all') {
    props = { ...record.properties };
  } else {
    const names = properties.length > 0 ? [...properties, 'hs_object_id', CREATED[record.type], MODIFIED[record.type]] : DEFAULT_PROPERTIES[record.type];
    props = Object.fromEntries(names.map((n) => [n, record.properties[n] ?? null]));
  }
  const json: Record<string, unknown> = {
    id: record.id,
    properties: Object.fromEntries(Object.entries(props).sort(([a], [b]) => a.localeCompare(b))),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: false,
  };
  const assoc: Record<string, unknown> = {};
  for (const type of associations) {
    const ids = state.crm.associated(record, type);
    if (ids.length > 0) assoc[type] = { results: ids.map((id) => ({ id, type: `${SINGULAR[record.type]}_to_${SINGULAR[type]}` })) };
  }
  if (Object.keys(assoc).length > 0) json.associations = assoc;
  return json;
}

type Result<T> = { ok: true; value: T } | { ok: false; body: ReturnType<typeof invalidInput> };

/**
 * Checks a create or update's `properties` the way HubSpot does: unknown names, read-only
 * names, emails, enumerations, owners, and deal stages against the deal's pipeline. Values
 * are stored as strings; null (or '') clears a property.
 */
export function validateProperties(state: HubspotState, type: CrmType, input: unknown, existing?: CrmRecord): Result<Record<string, string | null>> {
  if (input === undefined && existing) return { ok: false, body: invalidInput('Invalid input JSON: "properties" is required') };
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    return { ok: false, body: invalidInput('Invalid input JSON: "properties" must be an object') };
  }
  const values: Record<string, string | null> = {};
  for (const [name, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    if (value === undefined) continue;
    values[name] = value === null ? null : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  const problems: PropertyProblem[] = [];
  const writable = new Set([...WRITABLE[type], ...(state.customProperties[type] ?? [])]);
  const pipelineId = values.pipeline ?? existing?.properties.pipeline ?? 'default';
  for (const [name, value] of Object.entries(values)) {
    if (READ_ONLY.has(name)) problems.push({ name, error: 'READ_ONLY_VALUE', message: `${name} is a read only property; its value cannot be set.` });
    else if (!writable.has(name)) problems.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
    else if (value === null || value === '') continue;
    else if (name === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) problems.push({ name, error: 'INVALID_EMAIL', message: `Email address ${value} is invalid` });
    else if (name === 'hs_timestamp' && Number.isNaN(/^\d+$/.test(value) ? Number(value) : Date.parse(value))) {
      problems.push({ name, error: 'INVALID_DATE', message: `${value} is not a valid date` });
    } else {
      const options = optionsFor(state, name, pipelineId);
      if (options && !options.includes(value)) problems.push({ name, error: 'INVALID_OPTION', message: `${value} was not one of the allowed options: [${options.join(', ')}]` });
    }
  }
  if (!existing) {
    for (const name of REQUIRED[type] ?? []) {
      if (!values[name]) problems.push({ name, error: 'MISSING_REQUIRED_PROPERTY', message: `${name} is required` });
    }
  }
  return problems.length > 0 ? { ok: false, body: propertyValuesInvalid(problems) } : { ok: true, value: values };
}

function optionsFor(state: HubspotState, name: string, pipelineId: string): string[] | undefined {
  if (name === 'hubspot_owner_id') return state.crm.owners.map((o) => o.id);
  if (name === 'pipeline') return state.crm.pipelines.map((p) => p.id);
  if (name === 'dealstage') return state.crm.pipelines.find((p) => p.id === pipelineId)?.stages.map((s) => s.id) ?? [];
  return OPTIONS[name];
}

/**
 * The `associations` of a create body, v3 style:
 * `[{ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] }]`.
 * The type id decides the target's object type; targets must exist.
 */
export function parseAssociations(state: HubspotState, type: CrmType, input: unknown): Result<CrmRef[]> {
  if (input === undefined || input === null) return { ok: true, value: [] };
  if (!Array.isArray(input)) return { ok: false, body: invalidInput('Invalid input JSON: "associations" must be an array') };
  const refs: CrmRef[] = [];
  const missing: { type: string; id: string }[] = [];
  for (const item of input as { to?: { id?: unknown }; types?: { associationCategory?: unknown; associationTypeId?: unknown }[] }[]) {
    const id = item?.to?.id;
    const types = Array.isArray(item?.types) ? item.types : [];
    if ((typeof id !== 'string' && typeof id !== 'number') || types.length === 0) {
      return { ok: false, body: invalidInput('Invalid input JSON: each association needs "to.id" and at least one of "types"') };
    }
    for (const spec of types) {
      const pair = spec.associationCategory === 'HUBSPOT_DEFINED' ? ASSOCIATION_TYPES[Number(spec.associationTypeId)] : undefined;
      if (!pair || pair[0] !== type) {
        return { ok: false, body: invalidInput(`${String(spec.associationCategory)} association type ${String(spec.associationTypeId)} is not valid for ${SINGULAR[type]} associations`) };
      }
      if (state.crm.get(pair[1], String(id))) refs.push({ type: pair[1], id: String(id) });
      else missing.push({ type: SINGULAR[pair[1]].toUpperCase(), id: String(id) });
    }
  }
  return missing.length > 0 ? { ok: false, body: invalidAssociations(missing) } : { ok: true, value: refs };
}

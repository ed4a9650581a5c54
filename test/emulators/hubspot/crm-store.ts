import type { Clock } from '../common/clock';
import { defaultCrmRecords, defaultOwners, defaultPipelines, type HubspotOwner, type Pipeline } from './crm-fixtures';
import { CREATED, CRM_TYPES, MODIFIED, type CrmType } from './crm-schema';

/** A CRM object as HubSpot stores it: every property value is a string. */
export interface CrmRecord {
  type: CrmType;
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface CrmRef {
  type: CrmType;
  id: string;
}

/**
 * The records, associations, pipelines and owners of the emulated portal. One CRM serves
 * every token (a private-app token for another portalId sees the same data).
 */
export class CrmStore {
  readonly records = Object.fromEntries(CRM_TYPES.map((t) => [t, new Map<string, CrmRecord>()])) as Record<CrmType, Map<string, CrmRecord>>;
  /** Undirected edges: a contact ↔ company pair is one entry, readable from either side. */
  readonly associations: [CrmRef, CrmRef][] = [];
  readonly pipelines: Pipeline[];
  readonly owners: HubspotOwner[];
  readonly #now: Clock;
  #nextId = 50001;

  constructor(now: Clock, seed = true) {
    this.#now = now;
    this.pipelines = seed ? defaultPipelines() : [defaultPipelines()[0]!];
    this.owners = seed ? defaultOwners() : [];
    if (!seed) return;
    const records = defaultCrmRecords();
    for (const r of records) this.create(r.type, r.properties, r.id);
    for (const r of records) {
      for (const [type, ids] of Object.entries(r.associations ?? {})) for (const id of ids) this.associate({ type: r.type, id: r.id }, { type: type as CrmType, id });
    }
  }

  get(type: CrmType, id: string): CrmRecord | undefined {
    const record = this.records[type].get(id);
    return record && !record.archived ? record : undefined;
  }

  list(type: CrmType): CrmRecord[] {
    return [...this.records[type].values()].filter((r) => !r.archived);
  }

  /** Contacts are unique by email, case-insensitively. */
  contactByEmail(email: string): CrmRecord | undefined {
    const wanted = email.toLowerCase();
    return this.list('contacts').find((r) => r.properties.email?.toLowerCase() === wanted);
  }

  create(type: CrmType, properties: Record<string, string>, id?: string): CrmRecord {
    const at = new Date(this.#now()).toISOString();
    const recordId = id ?? String(this.#nextId++);
    const record: CrmRecord = { type, id: recordId, properties: {}, createdAt: at, updatedAt: at, archived: false };
    record.properties[CREATED[type]] = at;
    record.properties.hs_object_id = recordId;
    if (type === 'deals') record.properties.pipeline = 'default';
    this.records[type].set(recordId, record);
    this.update(record, properties, at);
    return record;
  }

  /** Sets properties (null or '' clears one) and the derived ones HubSpot computes. */
  update(record: CrmRecord, properties: Record<string, string | null>, at = new Date(this.#now()).toISOString()): void {
    for (const [key, value] of Object.entries(properties)) {
      if (value === null || value === '') delete record.properties[key];
      else record.properties[key] = value;
    }
    if (record.type === 'contacts') {
      const domain = record.properties.email?.split('@')[1];
      if (domain) record.properties.hs_email_domain = domain.toLowerCase();
      else delete record.properties.hs_email_domain;
    }
    if (record.type === 'deals') {
      const stage = this.stage(record.properties.pipeline ?? 'default', record.properties.dealstage ?? '');
      if (stage) {
        record.properties.hs_is_closed = String(stage.isClosed);
        record.properties.hs_is_closed_won = String(stage.isClosed && stage.probability === 1);
      }
    }
    record.updatedAt = at;
    record.properties[MODIFIED[record.type]] = at;
  }

  stage(pipelineId: string, stageId: string) {
    return this.pipelines.find((p) => p.id === pipelineId)?.stages.find((s) => s.id === stageId);
  }

  associate(a: CrmRef, b: CrmRef): void {
    const same = (x: CrmRef, y: CrmRef) => x.type === y.type && x.id === y.id;
    if (this.associations.some(([p, q]) => (same(p, a) && same(q, b)) || (same(p, b) && same(q, a)))) return;
    this.associations.push([a, b]);
  }

  /** Ids of live `toType` records associated with the record, in association order. */
  associated(from: CrmRef, toType: CrmType): string[] {
    const ids: string[] = [];
    for (const [a, b] of this.associations) {
      const other = a.type === from.type && a.id === from.id ? b : b.type === from.type && b.id === from.id ? a : undefined;
      if (other?.type === toType && this.get(toType, other.id) && !ids.includes(other.id)) ids.push(other.id);
    }
    return ids;
  }
}

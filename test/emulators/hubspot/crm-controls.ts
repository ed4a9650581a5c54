import { Hono } from 'hono';
import type { HubspotOwner, Pipeline } from './crm-fixtures';
import { crmType, CRM_TYPES, type CrmType } from './crm-schema';
import type { CrmRecord } from './crm-store';
import type { HubspotState } from './state';

/** A CRM record as a test reads it: stored properties and associated ids by type. */
export interface CrmObjectSnapshot {
  type: CrmType;
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  associations: Partial<Record<CrmType, string[]>>;
}

export type HubspotSnapshot = Record<CrmType, CrmObjectSnapshot[]> & { owners: HubspotOwner[]; pipelines: Pipeline[] };

export interface SeedObjectOptions {
  /** Fixed id (default: the next free one from 50001). */
  id?: string;
  /** Records to associate with, by type, e.g. `{ companies: ['20001'] }`. */
  associations?: Partial<Record<CrmType, string[]>>;
}

/** Reading and seeding the CRM, in process and over `/_emulator/hubspot/*`. */
export interface HubspotDataControls {
  /** Every live record by type, plus owners and pipelines. */
  snapshot(): HubspotSnapshot;
  /** Records of a type in creation order: what Weft created shows up here. */
  listObjects(type: CrmType): CrmObjectSnapshot[];
  getObject(type: CrmType, id: string): CrmObjectSnapshot | undefined;
  /** Adds a record without the API's validation (but contacts stay unique by email). */
  seedObject(type: CrmType, properties: Record<string, string>, options?: SeedObjectOptions): CrmObjectSnapshot;
}

export function hubspotDataControls(state: HubspotState): HubspotDataControls {
  const { crm } = state;
  const snap = (r: CrmRecord): CrmObjectSnapshot => {
    const associations: Partial<Record<CrmType, string[]>> = {};
    for (const type of CRM_TYPES) {
      const ids = crm.associated(r, type);
      if (ids.length > 0) associations[type] = ids;
    }
    return { type: r.type, id: r.id, properties: { ...r.properties }, createdAt: r.createdAt, updatedAt: r.updatedAt, associations };
  };
  const typeOf = (name: string) => {
    const type = crmType(name);
    if (!type) throw new Error(`unknown object type ${name}`);
    return type;
  };
  return {
    snapshot: () => ({
      ...(Object.fromEntries(CRM_TYPES.map((t) => [t, crm.list(t).map(snap)])) as Record<CrmType, CrmObjectSnapshot[]>),
      owners: structuredClone(crm.owners),
      pipelines: structuredClone(crm.pipelines),
    }),
    listObjects: (type) => crm.list(typeOf(type)).map(snap),
    getObject: (type, id) => {
      const record = crm.get(typeOf(type), id);
      return record && snap(record);
    },
    seedObject: (name, properties, options = {}) => {
      const type = typeOf(name);
      if (options.id !== undefined && crm.records[type].has(options.id)) throw new Error(`${type} ${options.id} already exists`);
      if (type === 'contacts' && properties.email && crm.contactByEmail(properties.email)) throw new Error(`a contact with email ${properties.email} already exists`);
      for (const [other, ids] of Object.entries(options.associations ?? {})) {
        for (const id of ids) if (!crm.get(typeOf(other), id)) throw new Error(`no ${other} ${id} to associate with`);
      }
      const record = crm.create(type, properties, options.id);
      for (const [other, ids] of Object.entries(options.associations ?? {})) for (const id of ids) crm.associate(record, { type: typeOf(other), id });
      return snap(record);
    },
  };
}

/**
 * `/_emulator/hubspot/*`: `GET state` (the snapshot) and `POST objects/:type` with
 * `{ properties, id?, associations? }` (201 with the record, 400 with `{ error }`).
 */
export function hubspotControlRoutes(controls: HubspotDataControls): Hono {
  const app = new Hono();
  app.get('/state', (c) => c.json(controls.snapshot()));
  app.post('/objects/:type', async (c) => {
    try {
      const body: { properties?: Record<string, string>; id?: string; associations?: Partial<Record<CrmType, string[]>> } = await c.req.json();
      return c.json(controls.seedObject(c.req.param('type') as CrmType, body.properties ?? {}, { id: body.id, associations: body.associations }), 201);
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
  });
  return app;
}

/**
 * What the CRM v3 endpoints know about each object type: the properties they return by
 * default, the ones `query` searches, the ones a client may write, and the
 * HUBSPOT_DEFINED association types (ids from the v4 associations reference).
 */

export const CRM_TYPES = ['contacts', 'companies', 'deals', 'notes', 'tasks'] as const;
export type CrmType = (typeof CRM_TYPES)[number];

/** Names and objectTypeIds HubSpot accepts in the path, e.g. `/crm/v3/objects/0-1/search`. */
const ALIASES: Record<string, CrmType> = {
  contacts: 'contacts', contact: 'contacts', '0-1': 'contacts',
  companies: 'companies', company: 'companies', '0-2': 'companies',
  deals: 'deals', deal: 'deals', '0-3': 'deals',
  notes: 'notes', note: 'notes', '0-46': 'notes',
  tasks: 'tasks', task: 'tasks', '0-27': 'tasks',
};

export const crmType = (name: string | undefined): CrmType | undefined => (name === undefined ? undefined : ALIASES[name.toLowerCase()]);

/** `contact`, `company`, … as association type names spell them. */
export const SINGULAR: Record<CrmType, string> = { contacts: 'contact', companies: 'company', deals: 'deal', notes: 'note', tasks: 'task' };

/** The last-modified property: contacts keep the legacy name. */
export const MODIFIED: Record<CrmType, string> = {
  contacts: 'lastmodifieddate', companies: 'hs_lastmodifieddate', deals: 'hs_lastmodifieddate', notes: 'hs_lastmodifieddate', tasks: 'hs_lastmodifieddate',
};

export const CREATED: Record<CrmType, string> = { contacts: 'createdate', companies: 'createdate', deals: 'createdate', notes: 'hs_createdate', tasks: 'hs_createdate' };

/** Returned when a request names no properties (the search guide's per-object defaults). */
export const DEFAULT_PROPERTIES: Record<CrmType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** What a free-text `query` matches against. */
export const SEARCHABLE: Record<CrmType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'hs_additional_emails'],
  companies: ['name', 'domain', 'website', 'phone'],
  deals: ['dealname', 'pipeline', 'dealstage', 'description', 'dealtype'],
  notes: ['hs_note_body'],
  tasks: ['hs_task_subject', 'hs_task_body'],
};

/** Set by HubSpot itself; writing one is READ_ONLY_VALUE. */
export const READ_ONLY = new Set(['hs_object_id', 'createdate', 'lastmodifieddate', 'hs_lastmodifieddate', 'hs_createdate', 'hs_email_domain', 'hs_is_closed', 'hs_is_closed_won']);

export const WRITABLE: Record<CrmType, string[]> = {
  contacts: ['email', 'firstname', 'lastname', 'phone', 'mobilephone', 'company', 'website', 'jobtitle', 'address', 'city', 'state', 'zip', 'country',
    'lifecyclestage', 'hs_lead_status', 'hubspot_owner_id', 'hs_additional_emails'],
  companies: ['name', 'domain', 'website', 'phone', 'address', 'city', 'state', 'zip', 'country', 'industry', 'description', 'numberofemployees',
    'annualrevenue', 'lifecyclestage', 'hubspot_owner_id'],
  deals: ['dealname', 'dealstage', 'pipeline', 'amount', 'closedate', 'dealtype', 'description', 'hubspot_owner_id', 'hs_priority'],
  notes: ['hs_timestamp', 'hs_note_body', 'hubspot_owner_id', 'hs_attachment_ids'],
  tasks: ['hs_timestamp', 'hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_task_priority', 'hs_task_type', 'hubspot_owner_id'],
};

/** Enumerations checked on write (pipeline stages and owners are checked against their own lists). */
export const OPTIONS: Record<string, string[]> = {
  hs_task_status: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
  hs_task_priority: ['NONE', 'LOW', 'MEDIUM', 'HIGH'],
  hs_task_type: ['TODO', 'CALL', 'EMAIL', 'LINKED_IN', 'MEETING'],
  hs_priority: ['low', 'medium', 'high'],
  dealtype: ['newbusiness', 'existingbusiness'],
  lifecyclestage: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'],
};

/** Properties a create must carry (notes and tasks sit on the timeline at `hs_timestamp`). */
export const REQUIRED: Partial<Record<CrmType, string[]>> = { notes: ['hs_timestamp'], tasks: ['hs_timestamp'] };

/** HUBSPOT_DEFINED association type ids: id → [from, to]. */
export const ASSOCIATION_TYPES: Record<number, [CrmType, CrmType]> = {
  1: ['contacts', 'companies'], 279: ['contacts', 'companies'], 2: ['companies', 'contacts'], 280: ['companies', 'contacts'],
  3: ['deals', 'contacts'], 4: ['contacts', 'deals'],
  5: ['deals', 'companies'], 341: ['deals', 'companies'], 6: ['companies', 'deals'], 342: ['companies', 'deals'],
  202: ['notes', 'contacts'], 190: ['notes', 'companies'], 214: ['notes', 'deals'],
  201: ['contacts', 'notes'], 189: ['companies', 'notes'], 213: ['deals', 'notes'],
  204: ['tasks', 'contacts'], 192: ['tasks', 'companies'], 216: ['tasks', 'deals'],
  203: ['contacts', 'tasks'], 191: ['companies', 'tasks'], 215: ['deals', 'tasks'],
};

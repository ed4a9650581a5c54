import { z } from 'zod';
import { defineAction, hubspotId, hubspotObject } from './define';
import { createdEngagementSchema, crmRecordSchema, dealPipelinesResultSchema, recordSearchResultSchema } from './hubspot-results';

const record = { object: hubspotObject, id: hubspotId };

/** HubSpot actions. Wire format: server/providers/hubspot/actions.ts. */
export const hubspotActions = {
  search: defineAction({
    title: 'Search records',
    description: 'Find contacts, companies or deals by email, domain or name.',
    kind: 'read',
    input: z
      .object({
        object: hubspotObject,
        email: z.string().email().optional(),
        domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'A domain like example.com.').optional(),
        name: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(100).default(10),
      })
      .refine((q) => q.email || q.domain || q.name, 'Give an email, a domain or a name.'),
    output: recordSearchResultSchema,
  }),
  get_record: defineAction({
    title: 'Get record',
    description: 'Read a contact, company or deal with its associations.',
    kind: 'read',
    input: z.object(record),
    output: crmRecordSchema,
  }),
  create_contact: defineAction({
    title: 'Create contact',
    description: 'Add a contact.',
    kind: 'write',
    input: z.object({
      email: z.string().email(),
      firstname: z.string().max(100).optional(),
      lastname: z.string().max(100).optional(),
      company: z.string().max(200).optional(),
    }),
    output: crmRecordSchema,
  }),
  update_contact: defineAction({
    title: 'Update contact',
    description: 'Change a contact’s properties.',
    kind: 'write',
    input: z.object({ id: hubspotId, properties: z.record(z.string(), z.string()) }),
    output: crmRecordSchema,
  }),
  create_company: defineAction({
    title: 'Create company',
    description: 'Add a company.',
    kind: 'write',
    input: z.object({ name: z.string().trim().min(1).max(200), domain: z.string().max(200).optional() }),
    output: crmRecordSchema,
  }),
  list_deal_stages: defineAction({
    title: 'Deal stages',
    description: 'The stages of every deal pipeline.',
    kind: 'read',
    input: z.object({}),
    output: dealPipelinesResultSchema,
  }),
  update_deal_stage: defineAction({
    title: 'Move deal stage',
    description: 'Move a deal to another stage.',
    kind: 'write',
    input: z.object({ id: hubspotId, stage: z.string().min(1) }),
    output: crmRecordSchema,
  }),
  create_note: defineAction({
    title: 'Create note',
    description: 'Add a note to a record.',
    kind: 'write',
    input: z.object({ ...record, body: z.string().trim().min(1).max(65_536) }),
    output: createdEngagementSchema,
  }),
  create_task: defineAction({
    title: 'Create task',
    description: 'Add a follow-up task on a record.',
    kind: 'write',
    input: z.object({
      ...record,
      subject: z.string().trim().min(1).max(256),
      body: z.string().max(65_536).optional(),
      dueDate: z.string().datetime().optional(),
    }),
    output: createdEngagementSchema,
  }),
  log_activity: defineAction({
    title: 'Log activity',
    description: 'Record something that happened (e.g. a GitHub issue) on the record’s timeline.',
    kind: 'write',
    input: z.object({ ...record, kind: z.enum(['github_issue', 'github_pull_request', 'slack_message', 'other']).default('other'), body: z.string().trim().min(1).max(65_536) }),
    output: createdEngagementSchema,
  }),
};

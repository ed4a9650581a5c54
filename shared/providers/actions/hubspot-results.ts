import { z } from 'zod';
import { hubspotObject } from './define';

/**
 * What HubSpot actions answer (server/providers/hubspot/actions.ts shapes them from
 * HubSpot's JSON). The panels read records in this shape.
 */

/** A contact, company or deal: the properties Weft asked for (HubSpot sends null for empty ones), and associated record ids by object. */
export const crmRecordSchema = z.object({
  object: hubspotObject,
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  associations: z.record(z.string(), z.array(z.string())),
  updatedAt: z.string().nullable(),
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

export const recordSearchResultSchema = z.object({ total: z.number().int(), results: z.array(crmRecordSchema) });

/** Every deal pipeline, stages in display order. */
export const dealPipelinesResultSchema = z.object({
  pipelines: z.array(z.object({ id: z.string(), label: z.string(), stages: z.array(z.object({ id: z.string(), label: z.string() })) })),
});

/** A note or task Weft created on a record's timeline. */
export const createdEngagementSchema = z.object({ id: z.string() });

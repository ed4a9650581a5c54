import { z } from 'zod';

/**
 * What Weft reads of HubSpot's CRM v3 answers: only the fields the actions use.
 * https://developers.hubspot.com/docs/api-reference/crm-objects-v3
 */
export const hubspotRecord = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  // HubSpot sends every property value as a string, or null when unset.
  properties: z.record(z.string(), z.string().nullable()).default({}),
  associations: z.record(z.string(), z.object({ results: z.array(z.object({ id: z.union([z.string(), z.number()]) })).default([]) }).nullish()).optional(),
  updatedAt: z.string().nullish(),
});
export type HubspotRecord = z.infer<typeof hubspotRecord>;

export const hubspotSearch = z.object({ total: z.number().default(0), results: z.array(hubspotRecord).default([]) });

export const hubspotCreated = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

export const hubspotPipelines = z.object({
  results: z
    .array(z.object({ id: z.string(), label: z.string(), stages: z.array(z.object({ id: z.string(), label: z.string(), displayOrder: z.number() })).default([]) }))
    .default([]),
});

/** `GET /account-info/v3/details`: whose portal a token belongs to. */
export const hubspotAccountDetails = z.object({ portalId: z.number(), accountType: z.string().optional() });

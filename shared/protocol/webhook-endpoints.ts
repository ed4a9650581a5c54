import { z } from 'zod';

/** `POST /api/webhooks`: a custom webhook endpoint, `POST /hooks/custom/:id`. */
export const createWebhookEndpointSchema = z.object({
  name: z.string().trim().min(1, 'Give it a name.').max(80),
  /** Standard Webhooks signatures, or none (only the unguessable URL protects it). */
  signed: z.boolean().default(true),
});

export const webhookEndpointSchema = z.object({ id: z.string(), name: z.string(), url: z.string(), signed: z.boolean(), createdAt: z.string() });
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** `GET /api/webhooks`: the caller's endpoints, oldest first. */
export const webhookEndpointsResponseSchema = z.object({ endpoints: z.array(webhookEndpointSchema) });
export type WebhookEndpointsResponse = z.infer<typeof webhookEndpointsResponseSchema>;

/** Only the answer to creation carries the secret (null for an unsigned endpoint): it is shown once. */
export const createdWebhookEndpointSchema = webhookEndpointSchema.extend({ secret: z.string().nullable() });
export type CreatedWebhookEndpoint = z.infer<typeof createdWebhookEndpointSchema>;

/** `DELETE /api/webhooks/:id`. */
export const webhookEndpointDeletedSchema = z.object({ deleted: z.literal(true) });

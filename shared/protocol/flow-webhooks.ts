import { z } from 'zod';

/**
 * Outbound webhooks of flows (the `webhook` step) and the instance's signing secret:
 * `POST /api/instances/:id/signing-secret/rotate`, `GET /api/instances/:id/webhooks/dead`,
 * `POST /api/instances/:id/webhooks/:webhookId/replay`.
 */

/** The new secret, shown this once; the replaced one still signs until `previousValidUntil`. */
export const rotatedSigningSecretSchema = z.object({ secret: z.string().startsWith('whsec_'), previousValidUntil: z.string() });
export type RotatedSigningSecret = z.infer<typeof rotatedSigningSecretSchema>;

export const outboundWebhookSchema = z.object({
  /** The `webhook-id` every try sends. */
  id: z.string(),
  runId: z.string(),
  stepKey: z.string(),
  url: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int(),
  /** The receiver's HTTP status on the last try, null when it did not answer. */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  bodyBytes: z.number().int(),
  createdAt: z.string(),
  /** When it was delivered or dead-lettered. */
  finishedAt: z.string().nullable(),
  /** When pending: when the next try is due. */
  nextAttemptAt: z.string().nullable(),
});
export type OutboundWebhook = z.infer<typeof outboundWebhookSchema>;

/** Newest first, at most 100. */
export const deadWebhooksResponseSchema = z.object({ webhooks: z.array(outboundWebhookSchema) });
export type DeadWebhooks = z.infer<typeof deadWebhooksResponseSchema>;
export const replayedWebhookSchema = z.object({ webhook: outboundWebhookSchema });

/**
 * What `POST /hooks/flows/<token>/<flowId>` answers its sender, once the run (or the record
 * of why the flow did not run) is durable: 202 with the run, or with `filtered` and the
 * reason; 200 for a `webhook-id` seen before, with the run it started then.
 */
export const flowWebhookReceiptSchema = z.union([
  z.object({ run: z.string() }),
  z.object({ filtered: z.string() }),
  z.object({ duplicate: z.literal(true), run: z.string() }),
]);
export type FlowWebhookReceipt = z.infer<typeof flowWebhookReceiptSchema>;

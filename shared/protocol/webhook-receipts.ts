import { z } from 'zod';
import { deliveryStatuses } from './deliveries';

/**
 * What `POST /hooks/<provider>` and `/hooks/custom/:id` answer the sender. A 202 once the
 * delivery and its events are durable; a 200 for a delivery id seen before (nothing new
 * stored); and the handshakes some providers expect instead (GitHub's `ping`, Slack's
 * `url_verification` challenge, echoed back).
 */
export const webhookReceiptSchema = z.union([
  z.object({ status: z.enum(deliveryStatuses), delivery: z.number().int(), events: z.number().int() }),
  z.object({ duplicate: z.literal(true), delivery: z.number().int() }),
  z.object({ ok: z.literal(true), zen: z.string().nullable() }),
  z.object({ challenge: z.string() }),
]);
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>;

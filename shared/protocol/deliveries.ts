import { z } from 'zod';

export const deliveryStatuses = ['accepted', 'duplicate', 'rejected', 'unrouted'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One webhook request the server received, as the delivery log shows it. */
export const deliverySchema = z.object({
  id: z.number().int(),
  provider: z.string(),
  endpointId: z.string().nullable(),
  eventType: z.string(),
  status: z.enum(deliveryStatuses),
  reason: z.string().nullable(),
  receivedAt: z.string(),
  /** The first 500 characters of the body, as text. */
  bodyPreview: z.string(),
  eventCount: z.number().int(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** Deliveries per page of `GET /api/deliveries` at most (`limit`), and when none is asked for. */
export const DELIVERIES_PAGE_MAX = 200;
export const DELIVERIES_PAGE_DEFAULT = 50;

/**
 * `GET /api/deliveries?before=&limit=`: one page of the log, newest first. Pages are cut
 * by id, not by offset, so deliveries arriving while someone reads older pages neither
 * shift a row onto the next page twice nor push one past unseen.
 */
export const deliveriesResponseSchema = z.object({
  deliveries: z.array(deliverySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: z.number().int().positive().nullable(),
  /**
   * Refused requests to the caller's endpoints in the last 24 hours that have no row above
   * (past the hourly cap per endpoint, or from a throttled address): only counted. Null
   * when there are none or the status filter excludes rejected ones.
   */
  rejectedNotLogged: z.object({ count: z.number().int(), message: z.string() }).nullable().optional(),
});
export type DeliveriesResponse = z.infer<typeof deliveriesResponseSchema>;

/**
 * `POST /api/deliveries/:id/replay`: the replay's own delivery row and how many events it
 * made. The row is null when the replay reached none of the caller's workspaces (a
 * custom delivery whose original event is gone), so the caller cannot see it.
 */
export const replayDeliveryResponseSchema = z.object({ delivery: deliverySchema.nullable(), events: z.number().int() });
export type ReplayDeliveryResponse = z.infer<typeof replayDeliveryResponseSchema>;

import { z } from 'zod';

/**
 * What every browser learns arrives as an event with a monotonically increasing id. A
 * client keeps the last id it applied (its cursor) and asks for what comes after it;
 * events are idempotent upserts keyed by id, so applying one twice changes nothing.
 */
export const eventSummarySchema = z.object({
  /** One line for a notification or the activity list. */
  title: z.string(),
  url: z.string().nullable(),
  /** Who did it, as the provider names them (a GitHub login, a HubSpot user id…). */
  actor: z.string().nullable(),
  /**
   * What notification rules match on: people the event is about. GitHub: assignees and
   * @mentions (logins); HubSpot: the record owner's id, when the payload names it.
   */
  assignees: z.array(z.string()).default([]),
  mentions: z.array(z.string()).default([]),
  /** The record this is about, for cache upserts: `github:issue:owner/repo#12`, `hubspot:deal:123`. */
  subject: z.string().nullable().default(null),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

/**
 * The flow run whose work made an event (an action a step ran, a failed run's notice):
 * carried as `origin` in the payload of such events Weft makes itself. `depth` counts the
 * runs in the chain that led to the event: 1 when a run started by a person, a webhook or
 * a schedule caused it, one more for each run started by such an event. The flow runner
 * uses it to stop loops (a flow triggered by what its own steps do).
 */
export const eventOriginSchema = z.object({
  runId: z.string(),
  instanceId: z.string(),
  flowId: z.string(),
  depth: z.number().int().positive(),
});
export type EventOrigin = z.infer<typeof eventOriginSchema>;

export const weftEventSchema = z.object({
  id: z.number().int().positive(),
  /** `github.issues.opened`, `hubspot.deal.propertyChange`, `slack.message`, `custom.<endpoint>`, `connection.updated`, `action.completed`… */
  type: z.string(),
  provider: z.string(),
  workspaceId: z.string(),
  connectionId: z.string().nullable(),
  /** The delivery that produced it (null for events Weft made itself). */
  deliveryId: z.number().int().nullable(),
  summary: eventSummarySchema,
  payload: z.unknown(),
  createdAt: z.string(),
});
export type WeftEvent = z.infer<typeof weftEventSchema>;

/** `GET /api/events?after=`: events after the cursor, oldest first. */
export const eventsPageSchema = z.object({
  events: z.array(weftEventSchema),
  /** The id to pass as `after` next time. */
  cursor: z.number().int().min(0),
});
export type EventsPage = z.infer<typeof eventsPageSchema>;

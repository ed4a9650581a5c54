import type { EventSummary } from '../../shared/protocol/events';
import type { DeliveryStatus } from '../../shared/protocol/deliveries';

// What intake hands the store to append, and what the store hands back. Engine-neutral:
// every engine's event store takes and returns these shapes.

export interface NewEvent {
  workspaceId: string;
  type: string;
  provider: string;
  connectionId: string | null;
  summary: EventSummary;
  payload: unknown;
  /** The payload is the delivery's raw body, byte for byte: store and send that text, once. */
  payloadIsBody?: boolean;
}

/** One item of a webhook request, deduped on its own key (HubSpot sends arrays). */
export interface IntakeItem {
  /** The provider's delivery id; null when the provider has none (never deduped). */
  key: string | null;
  events: NewEvent[];
}

export interface IntakeRecord {
  provider: string;
  endpointId: string | null;
  eventType: string;
  /** `rejected` and `unrouted` are logged with no events; `accepted` may turn `duplicate`. */
  status: Exclude<DeliveryStatus, 'duplicate'>;
  reason: string | null;
  workspaceIds: string[];
  bodyPreview: string;
  body: string | null;
  /**
   * Intake already parsed `body` behind the depth bound (lib/json-depth.ts), which refuses
   * text nested deeper than MAX_JSON_DEPTH, so the event log need not scan it again
   * before appending.
   */
  bodyDepthChecked?: boolean;
  /** Headers replay needs (lower-case names). */
  headers?: Record<string, string>;
  items: IntakeItem[];
}

/** A record as written: its delivery row and the events it added (duplicates add none). */
export interface StoredRecord {
  deliveryId: number;
  status: DeliveryStatus;
  createdAt: string;
  events: { id: number; event: NewEvent; payloadIsBody: boolean }[];
}

/** Each record of a group commit succeeds or fails on its own. */
export type AppendOutcome = { ok: true; stored: StoredRecord } | { ok: false; error: unknown };

/**
 * An event as stored; `payload_text` is the event's payload, or its delivery's body.
 * `depth_unchecked` is true (1 on SQLite) for an event stored before the log checked
 * payload depth at append (migration 012): only such a payload may nest too deeply to be
 * serialised again, so only those are scanned when read.
 */
export interface EventRow {
  id: number; workspace_id: string; type: string; provider: string; connection_id: string | null;
  delivery_id: number | null; summary: string; payload_text: string | null; created_at: string;
  depth_unchecked: boolean | number;
}

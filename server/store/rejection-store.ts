/** A refused webhook request's delivery-log row (status `rejected`, no body kept). */
export interface RejectedRow {
  provider: string;
  endpointId: string | null;
  eventType: string;
  reason: string;
  /** Owners that may see it: a custom endpoint's workspace; none for provider hooks. */
  workspaceIds: string[];
  bodyPreview: string;
  receivedAt: string;
}

/** Refused requests counted without a row, for one endpoint and UTC hour. */
export interface DroppedTally {
  endpointKey: string;
  hour: string;
  provider: string;
  endpointId: string | null;
  workspaceIds: string[];
  dropped: number;
}

/**
 * Storage of refused webhook requests (hooks/rejections.ts decides what is a row and
 * what is only counted), one implementation per engine (sqlite/rejection-store.ts).
 *
 * Writes here are NOT durable before they return, on purpose: anyone can send a forged
 * webhook, and a stranger's forgery must not cost a disk sync. A crash may lose the
 * newest of them; nothing acknowledged is lost.
 */
export interface RejectionStore {
  /** Rows already written for this endpoint and hour (the `logged` counter). */
  loggedCount(endpointKey: string, hour: string): number;
  /** The row and its +1 in the hour's `logged` counter, in one transaction. */
  logRejected(endpointKey: string, hour: string, row: RejectedRow): void;
  /** Adds counted-only refusals to their endpoint-hour counters, in one transaction. */
  addDropped(tallies: DroppedTally[]): void;
  /** Counted-only refusals on endpoints these workspaces own, from `sinceHour` on. */
  droppedSince(workspaceIds: string[], sinceHour: string, provider?: string): number;
}

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
 * what is only counted), one implementation per engine (sqlite/ and postgres/
 * rejection-store.ts).
 *
 * Writes here are NOT durable before they return, on purpose: anyone can send a forged
 * webhook, and a stranger's forgery must not cost a disk sync. A crash may lose the
 * newest of them; nothing acknowledged is lost.
 */
export interface RejectionStore {
  /**
   * Writes the row and its +1 in the endpoint-hour's `logged` counter, in one
   * transaction, unless that counter already reached `cap`: then writes nothing and
   * answers false. The check and the +1 are one statement, so the cap holds however many
   * requests (or server instances sharing the database) write at once.
   */
  logRejected(endpointKey: string, hour: string, row: RejectedRow, cap: number): Promise<boolean>;
  /** Adds counted-only refusals to their endpoint-hour counters, in one transaction. */
  addDropped(tallies: DroppedTally[]): Promise<void>;
  /** Counted-only refusals on endpoints these workspaces own, from `sinceHour` on. */
  droppedSince(workspaceIds: string[], sinceHour: string, provider?: string): Promise<number>;
}

import type { Adapter } from 'lucia';
import type { ConnectionRouting } from './connection-routing';
import type { EventStore } from './event-store';
import type { JsonLists } from './json-lists';
import type { RejectionStore } from './rejection-store';
import type { StoreSignals } from './signals';
import type { SlidingWindows } from './sliding-windows';

/**
 * What each engine implements for the rest of the server, beside the Kysely instance:
 * the hot paths that cannot afford a query builder per call, the few SQL fragments that
 * differ between engines, and the session adapter. The SQLite implementation is
 * sqlite/engine.ts; no module outside `server/store/` sees a driver.
 */
export interface EngineParts {
  /** The event log's group commit and catch-up reads. */
  events: EventStore;
  /** Refused webhook requests: capped rows and counters, written without a sync. */
  rejections: RejectionStore;
  /** Connections an inbound webhook is addressed to. */
  routing: ConnectionRouting;
  /** Conditions on JSON-array columns, for portable Kysely queries. */
  jsonLists: JsonLists;
  /** Sign-in throttles and the actions' provider budgets, shared by every instance. */
  windows: SlidingWindows;
  /** lucia's adapter over `users` and `user_sessions`. */
  sessionAdapter: Adapter;
  /** What the instances on one database tell each other: the log grew, a session ended. */
  signals: StoreSignals;
  /** Gives the pages of deleted rows back to the disk (after retention pruned): how many, and the longest step. */
  reclaimSpace(): Promise<{ pages: number; longestStepMs: number }>;
}

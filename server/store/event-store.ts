import type { AppendOutcome, EventRow, IntakeRecord } from './intake-record';

/**
 * The event log's storage, one implementation per engine (sqlite/event-store.ts).
 *
 * `appendGroup` is the group commit: every record of the group in ONE transaction, each
 * behind its own savepoint so a record that cannot be written fails alone, and the
 * promise settles only after COMMIT has returned (on SQLite with `synchronous = FULL`,
 * after the fsync). It rejects, for the whole group, only when the transaction itself
 * fails; then nothing of the group was written.
 *
 * The reads are asynchronous (PostgreSQL answers over the network). A reader that moves a
 * cursor along the log relies on one rule every engine keeps: an id is visible only once
 * every lower id that will ever exist is visible too, so a reader that has seen id N never
 * later finds a new event below N. The push subscription does not rely on a read and the
 * live stream meeting in one turn: it attaches to the live stream first (subscription.ts).
 */
export interface EventStore {
  appendGroup(records: IntakeRecord[]): Promise<AppendOutcome[]>;
  /**
   * How many groups the event log may hand over before the first has committed; 1 when
   * absent. More than one only where the store commits groups strictly in the order it
   * was given them and settles them in that order (SQLite's writer thread takes them one
   * message at a time): the next group then waits at the writer instead of behind a round
   * trip between threads. PostgreSQL keeps one: its groups would wait on each other's
   * append lock anyway, holding pool connections meanwhile.
   */
  readonly groupsInFlight?: number;
  /** Events of these workspaces with an id above `afterId`, oldest first. */
  after(workspaceIds: string[], afterId: number, limit: number): Promise<EventRow[]>;
  /** Events of every workspace with an id above `afterId`, oldest first: what a follower of the whole log reads. */
  afterAll(afterId: number, limit: number): Promise<EventRow[]>;
  /** The newest event id, 0 when there is none. */
  latestId(): Promise<number>;
}

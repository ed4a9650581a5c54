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
 * `after` and `latestId` are synchronous: the push subscription reads its catch-up and
 * joins the live stream in one turn of the event loop, so no event falls between them.
 */
export interface EventStore {
  appendGroup(records: IntakeRecord[]): Promise<AppendOutcome[]>;
  /** Events of these workspaces with an id above `afterId`, oldest first. */
  after(workspaceIds: string[], afterId: number, limit: number): EventRow[];
  /** The newest event id, 0 when there is none. */
  latestId(): number;
}

/**
 * What the instances sharing one database tell each other, outside the rows themselves:
 * "the event log grew" (so each instance's push hub reads on by cursor) and "this session
 * ended" (so every instance closes that session's push streams at once, not at their next
 * re-check). One implementation per engine: on PostgreSQL one LISTEN connection per
 * instance (postgres/signals.ts); on SQLite the data folder is locked to one process, so
 * there is nobody else to tell and nothing to hear.
 *
 * Signals are hints, never data: a reader always goes back to the database. They can be
 * lost while the listening connection is down, which is why `reconnected` is said after
 * every reconnect (read everything again) and why `backstopPollMs` exists.
 */
export interface StoreSignals {
  /** Starts hearing other instances (on PostgreSQL, opens the LISTEN connection on first use). Returns stop. */
  listen(listener: SignalListener): () => void;
  /** Tells every instance on this database that `sessionId` ended. Resolves once said (not once heard). */
  announceSessionEnd(sessionId: string): Promise<void>;
  /**
   * How often a follower of the event log should read on even without a signal, in case
   * one was lost to a connection that died silently; null when nothing can be missed.
   */
  readonly backstopPollMs: number | null;
  /**
   * True when this process is the only one on the database (SQLite: the data folder is
   * locked to it). Its own commits, in the order it makes them, are then the whole log.
   */
  readonly oneProcess: boolean;
  /** Stops listening for good; the store's `close` calls it. */
  close(): Promise<void>;
}

export interface SignalListener {
  /** Another instance committed events (or this one did: a commit is heard by every listener). */
  eventsCommitted?(): void;
  /** Some instance announced that this session ended. */
  sessionEnded?(sessionId: string): void;
  /** The listening connection came back after it was lost: whatever was said meanwhile went unheard. */
  reconnected?(): void;
}

/** SQLite: one process owns the data folder, so every signal is already in-process. */
export const singleProcessSignals: StoreSignals = {
  listen: () => () => {},
  announceSessionEnd: async () => {},
  backstopPollMs: null,
  oneProcess: true,
  close: async () => {},
};

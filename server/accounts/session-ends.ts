import type { Logger } from '../lib/log';
import { singleProcessSignals, type StoreSignals } from '../store/signals';

/** What holds a session open (a live push stream): told when it ends, asked to check when ends may have been missed. */
export interface SessionWatcher {
  ended(): void;
  /** Ends announced while this instance could not hear them are lost: look the session up again. */
  recheck(): void;
}

/**
 * "This session has ended", said the moment it happens (sign-out), so what holds the
 * session open (live push streams) can close at once instead of at its next periodic
 * re-check. Keyed by `session.id` as the session check returns it, the same id sign-out
 * invalidates (the token's hash, never the token). Expiry is not announced: the re-check
 * finds it.
 *
 * Across instances the store's signals carry the announcement (on PostgreSQL a NOTIFY
 * every instance hears, this one included), so a sign-out on one instance closes the
 * session's streams on all of them. When the listening connection comes back after a loss,
 * every watcher re-checks its session: a sign-out said meanwhile went unheard.
 */
export class SessionEnds {
  private readonly watchers = new Map<string, Set<SessionWatcher>>();

  constructor(
    private readonly signals: StoreSignals = singleProcessSignals,
    private readonly log: Pick<Logger, 'warn'> = { warn: () => {} },
  ) {
    signals.listen({
      sessionEnded: (sessionId) => this.ended(sessionId),
      reconnected: () => this.recheckAll(),
    });
  }

  /** Calls `watcher.ended` once when `sessionId` ends; returns the function that stops watching. */
  subscribe(sessionId: string, watcher: SessionWatcher): () => void {
    let set = this.watchers.get(sessionId);
    if (!set) this.watchers.set(sessionId, (set = new Set()));
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.watchers.get(sessionId) === set) this.watchers.delete(sessionId);
    };
  }

  /**
   * Says that `sessionId` has ended: this instance's watchers hear it at once, the other
   * instances' when the signal reaches them. Never rejects: the session is already
   * invalidated, and an instance that did not hear it finds out at its next re-check.
   */
  async announce(sessionId: string): Promise<void> {
    this.ended(sessionId);
    try {
      await this.signals.announceSessionEnd(sessionId);
    } catch (error) {
      this.log.warn('Could not tell the other instances that a session ended; their streams close at the next re-check', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private ended(sessionId: string): void {
    const set = this.watchers.get(sessionId);
    this.watchers.delete(sessionId);
    for (const watcher of set ?? []) watcher.ended();
  }

  private recheckAll(): void {
    for (const set of [...this.watchers.values()]) for (const watcher of [...set]) watcher.recheck();
  }
}

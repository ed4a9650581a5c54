/**
 * "This session has ended", said in-process the moment it happens (sign-out), so what
 * holds the session open (live push streams) can close at once instead of at its next
 * periodic re-check. Keyed by `session.id` as the session check returns it, the same id
 * sign-out invalidates. Expiry is not announced: the re-check finds it.
 */
export class SessionEnds {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Calls `listener` once when `sessionId` ends; returns the function that stops listening. */
  subscribe(sessionId: string, listener: () => void): () => void {
    let set = this.listeners.get(sessionId);
    if (!set) this.listeners.set(sessionId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(sessionId) === set) this.listeners.delete(sessionId);
    };
  }

  /** Says that `sessionId` has ended; every listener hears it once. */
  announce(sessionId: string): void {
    const set = this.listeners.get(sessionId);
    this.listeners.delete(sessionId);
    for (const listener of set ?? []) listener();
  }
}

import type { AppDeps } from '../app-context';

/** What a push client is told when its session ends (WebSocket error frame, SSE `error` event). */
export const SESSION_ENDED = 'Your session has ended. Sign in again.';

/** How often a live push stream re-checks its session (expiry, removal). Sign-out is immediate. */
export const SESSION_RECHECK_MS = 60_000;

/**
 * Calls `onEnded` once when the session behind a push stream ends: at once when sign-out
 * announces it (on any instance), or at the next re-check for anything else (expiry, a
 * session removed from the database, a sign-out said while this instance could not hear). The re-check goes through `lucia.validateSession`, the very check the
 * Bearer middleware makes, so a stream stays open exactly as long as a request with the
 * same token would be let in. Returns the function that stops watching.
 */
export function watchSession(
  deps: Pick<AppDeps, 'lucia' | 'sessionEnds' | 'log'>,
  session: { token: string; id: string },
  onEnded: () => void,
): () => void {
  let watching = true;
  const ended = () => {
    if (!watching) return;
    stop();
    try {
      onEnded();
    } catch (error) {
      deps.log.error('Closing a push stream after its session ended failed', { error: error instanceof Error ? error.stack : String(error) });
    }
  };
  const recheck = () => {
    if (!watching) return;
    deps.lucia.validateSession(session.token).then(
      (check) => { if (!check.session) ended(); },
      // The check itself failed (the store is closing): keep the stream, try next time.
      (error) => deps.log.warn('Could not re-check a push stream’s session', { error: String(error) }),
    );
  };
  const unsubscribe = deps.sessionEnds.subscribe(session.id, { ended, recheck });
  const timer = setInterval(recheck, SESSION_RECHECK_MS);
  timer.unref();
  function stop() {
    watching = false;
    unsubscribe();
    clearInterval(timer);
  }
  return stop;
}

import { serverUrl, session, type Session } from './settings';

export type SessionChanges = {
  /** A new session (sign-in, or another account): its token differs from the last one. */
  signedIn: (session: Session) => void;
  /** Signed out: by the user, by switching servers, or because the server refused the token. */
  signedOut: () => void;
  /** The saved server URL changed (the options page). */
  serverMoved: () => void;
};

/**
 * The background's one session watcher. The popup and the options page sign in and out by
 * writing `session` and `serverUrl` (any context may, and a 401 anywhere ends the session),
 * so storage is where the background learns of it; this is the only place in the worker
 * that watches them, and `entrypoints/background.ts` says who is told (push, outbox,
 * badge). Call synchronously in the background's main.
 */
export function watchSession(changes: SessionChanges): void {
  session.watch((next, previous) => {
    if (next?.token === previous?.token) return;
    if (next) changes.signedIn(next);
    else changes.signedOut();
  });
  serverUrl.watch(() => changes.serverMoved());
}

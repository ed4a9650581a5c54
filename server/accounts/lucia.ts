import { Lucia, TimeSpan, type Adapter, type Session, type User } from 'lucia';
import { newSessionToken, sessionIdOf } from './session-token';

/**
 * Sessions with lucia v3 (deprecated upstream, kept by design behind `accounts/` so it can
 * be replaced without touching routes). Its database adapter comes from the store
 * (`store.sessionAdapter`): one per engine, over `users` and `user_sessions`.
 *
 * The extension sends a Bearer token; `user_sessions.id` is the token's SHA-256 (lucia
 * v3's own recommendation), so `session.id` is never a credential and the token is never
 * at rest. Everything that takes a token hashes it here; everything that takes a session
 * id (sign-out, push streams matching a session) takes `session.id` as it is.
 */
function createLuciaCore(adapter: Adapter) {
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    getUserAttributes: (attributes) => ({ email: attributes.email }),
  });
}

export type SessionCheck = { session: Session; user: User } | { session: null; user: null };

export function createLucia(adapter: Adapter) {
  const lucia = createLuciaCore(adapter);
  return {
    /** The token in `Authorization: Bearer <token>`, or null. */
    readBearerToken: (authorization: string): string | null => lucia.readBearerToken(authorization),
    /** A new session: the token for the client (shown once), the session as stored. */
    async createSession(userId: string): Promise<{ token: string; session: Session }> {
      const token = newSessionToken();
      const session = await lucia.createSession(userId, {}, { sessionId: sessionIdOf(token) });
      return { token, session };
    },
    /**
     * Checks a Bearer token: its session and user while it is live, nulls once it has
     * expired or been signed out. The auth middleware and the push streams both use it.
     */
    validateSession: (token: string): Promise<SessionCheck> => lucia.validateSession(sessionIdOf(token)),
    /** Ends one session, by `session.id` (not by token). */
    invalidateSession: (sessionId: string): Promise<void> => lucia.invalidateSession(sessionId),
  };
}

export type WeftLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof createLuciaCore>;
    DatabaseUserAttributes: { email: string };
  }
}

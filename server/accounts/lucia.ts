import { BetterSqlite3Adapter } from '@lucia-auth/adapter-sqlite';
import { Lucia, TimeSpan } from 'lucia';
import type { DatabaseSync } from 'node:sqlite';

/**
 * Sessions with lucia v3 (deprecated upstream, kept by design behind `accounts/` so it can
 * be replaced without touching routes). The session id is the Bearer token the extension
 * sends; cookies are not used. Its SQLite adapter is written for better-sqlite3 but only
 * calls `prepare().get/all/run(...args)`, which node:sqlite's DatabaseSync provides.
 */
export function createLucia(sqlite: DatabaseSync) {
  const adapter = new BetterSqlite3Adapter(sqlite as never, { user: 'users', session: 'user_sessions' });
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(30, 'd'),
    getUserAttributes: (attributes) => ({ email: attributes.email }),
  });
}

export type WeftLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: WeftLucia;
    DatabaseUserAttributes: { email: string };
  }
}

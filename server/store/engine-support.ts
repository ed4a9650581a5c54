import { StartupError } from '../lib/startup-error';
import type { Engine } from './engine';

/**
 * The parts of the server that still use SQLite directly (the raw node:sqlite handle,
 * `store.transaction`, SQLite's error codes) and so cannot run on PostgreSQL yet. While
 * any is listed, a server given WEFT_DATABASE_URL refuses to start, with this list,
 * rather than serve requests that would fail half-way.
 *
 * `engine-support.test.ts` scans the source: a file outside `server/store/` that uses
 * SQLite directly must sit under a path listed here, so the list is never shorter than
 * the truth. Remove an entry once its part goes through the store on both engines.
 */
export const SQLITE_ONLY_PARTS: readonly { path: string; what: string }[] = [
  { path: 'server/events', what: 'the event log' },
  { path: 'server/hooks', what: 'webhook intake and the delivery log' },
  { path: 'server/accounts', what: 'sign-up' },
  { path: 'server/connections', what: 'saving a connection' },
  { path: 'server/app.ts', what: 'the delivery routes’ wiring' },
  { path: 'server/start.ts', what: 'start-up wiring' },
  // Not a raw-handle user: its jobs table is the embedded engine, and PostgreSQL is meant
  // to run graphile-worker behind the same interface (ARCHITECTURE.md, "Jobs"), not this.
  { path: 'server/jobs', what: 'the job engine (graphile-worker on PostgreSQL is not wired yet)' },
];

/** Throws a one-line StartupError when the server cannot run on `engine` yet. */
export function assertServerRunsOn(engine: Engine, parts = SQLITE_ONLY_PARTS): void {
  if (engine === 'sqlite' || parts.length === 0) return;
  const list = parts.map((p) => `${p.what} (${p.path})`).join(', ');
  throw new StartupError(
    `WEFT_DATABASE_URL is set, but this version of Weft cannot run on PostgreSQL yet; these parts still use SQLite directly: ${list}. Unset WEFT_DATABASE_URL to run on SQLite under WEFT_DATA_DIR.`,
  );
}

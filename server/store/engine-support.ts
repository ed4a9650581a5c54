import { StartupError } from '../lib/startup-error';
import type { Engine } from './engine';

/**
 * What the server still lacks on PostgreSQL. While anything is listed, a server given
 * WEFT_DATABASE_URL refuses to start, with this list, rather than serve requests that
 * would fail half-way. Every store engine part (engine-parts.ts) is written for
 * PostgreSQL; remove an entry once what it names is.
 */
export const POSTGRES_MISSING_PARTS: readonly { what: string }[] = [
  // The jobs table is the embedded job engine, and PostgreSQL is meant to run
  // graphile-worker behind the same interface (ARCHITECTURE.md, "Jobs"), not this.
  { what: 'the job engine (graphile-worker on PostgreSQL is not wired yet)' },
];

/** Throws a one-line StartupError when the server cannot run on `engine` yet. */
export function assertServerRunsOn(engine: Engine, parts = POSTGRES_MISSING_PARTS): void {
  if (engine === 'sqlite' || parts.length === 0) return;
  const list = parts.map((p) => p.what).join(', ');
  throw new StartupError(
    `WEFT_DATABASE_URL is set, but this version of Weft cannot run on PostgreSQL yet; these parts are not written for it: ${list}. Unset WEFT_DATABASE_URL to run on SQLite under WEFT_DATA_DIR.`,
  );
}

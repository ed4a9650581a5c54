import { StartupError } from '../lib/startup-error';
import type { Engine } from './engine';
import type { EngineParts } from './engine-parts';

type PartName = keyof EngineParts;

/**
 * The store's engine parts (engine-parts.ts) that the PostgreSQL engine does not
 * implement yet. While any is listed, a server given WEFT_DATABASE_URL refuses to start,
 * with this list, rather than serve requests that would fail half-way. The PostgreSQL
 * engine builds the listed parts with `notOnPostgresYet`, and a test checks the two agree.
 * Remove an entry once its part is written for PostgreSQL.
 */
export const POSTGRES_MISSING_PARTS: readonly { part?: PartName; what: string }[] = [
  { part: 'events', what: 'the event log (store.events)' },
  // Not an engine part: the jobs table is the embedded job engine, and PostgreSQL is meant
  // to run graphile-worker behind the same interface (ARCHITECTURE.md, "Jobs"), not this.
  { what: 'the job engine (graphile-worker on PostgreSQL is not wired yet)' },
];

const missing = Symbol('not on PostgreSQL yet');

/** A stand-in for a part PostgreSQL lacks: any method throws, saying so. */
export function notOnPostgresYet<K extends PartName>(part: K): EngineParts[K] {
  return new Proxy({ [missing]: part } as object, {
    get(target, key) {
      if (key === missing) return part;
      if (typeof key === 'symbol' || key === 'then') return (target as Record<PropertyKey, unknown>)[key];
      return () => {
        throw new Error(`store.${part} is not written for PostgreSQL yet; this store runs on PostgreSQL (WEFT_DATABASE_URL).`);
      };
    },
  }) as EngineParts[K];
}

/** The parts of these engine parts that are `notOnPostgresYet` stand-ins. */
export const partsMissing = (parts: EngineParts): PartName[] =>
  (Object.keys(parts) as PartName[]).filter((k) => typeof parts[k] === 'object' && parts[k] !== null && (parts[k] as unknown as Record<symbol, unknown>)[missing] !== undefined);

/** Throws a one-line StartupError when the server cannot run on `engine` yet. */
export function assertServerRunsOn(engine: Engine, parts = POSTGRES_MISSING_PARTS): void {
  if (engine === 'sqlite' || parts.length === 0) return;
  const list = parts.map((p) => p.what).join(', ');
  throw new StartupError(
    `WEFT_DATABASE_URL is set, but this version of Weft cannot run on PostgreSQL yet; these parts are not written for it: ${list}. Unset WEFT_DATABASE_URL to run on SQLite under WEFT_DATA_DIR.`,
  );
}

import type pg from 'pg';
import type { EngineParts } from '../engine-parts';
import { notOnPostgresYet } from '../engine-support';
import { postgresSessionAdapter } from '../session-adapter';
import { postgresJsonLists } from './json-lists';

/**
 * The PostgreSQL engine's parts. The event log, the rejection counters and webhook
 * routing are not written for PostgreSQL yet: they throw, and start-up on PostgreSQL
 * refuses, naming them (engine-support.ts), rather than serve requests that would fail.
 */
export function postgresEngine(pool: pg.Pool): EngineParts {
  return {
    events: notOnPostgresYet('events'),
    rejections: notOnPostgresYet('rejections'),
    routing: notOnPostgresYet('routing'),
    jsonLists: postgresJsonLists,
    sessionAdapter: postgresSessionAdapter(pool),
    // Nothing to do: PostgreSQL's autovacuum makes deleted rows' space reusable by itself.
    reclaimSpace: async () => ({ pages: 0, longestStepMs: 0 }),
  };
}

import type pg from 'pg';
import type { Logger } from '../../lib/log';
import type { EngineParts } from '../engine-parts';
import { notOnPostgresYet } from '../engine-support';
import { postgresSessionAdapter } from '../session-adapter';
import { PostgresConnectionRouting } from './connection-routing';
import { postgresJsonLists } from './json-lists';
import { PostgresRejectionStore } from './rejection-store';
import { PostgresSignals } from './signals';
import { PostgresSlidingWindows } from './sliding-windows';

/**
 * The PostgreSQL engine's parts. The event log is not written for PostgreSQL yet: it
 * throws, and start-up on PostgreSQL refuses, naming it (engine-support.ts), rather than
 * serve requests that would fail.
 */
export function postgresEngine(pool: pg.Pool, log?: Logger): EngineParts {
  return {
    events: notOnPostgresYet('events'),
    rejections: new PostgresRejectionStore(pool),
    routing: new PostgresConnectionRouting(pool),
    jsonLists: postgresJsonLists,
    windows: new PostgresSlidingWindows(pool),
    sessionAdapter: postgresSessionAdapter(pool),
    signals: new PostgresSignals(pool, log),
    // Nothing to do: PostgreSQL's autovacuum makes deleted rows' space reusable by itself.
    reclaimSpace: async () => ({ pages: 0, longestStepMs: 0 }),
  };
}

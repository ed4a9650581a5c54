import type pg from 'pg';
import type { Logger } from '../../lib/log';
import type { EngineParts } from '../engine-parts';
import { postgresSessionAdapter } from '../session-adapter';
import { PostgresConnectionRouting } from './connection-routing';
import { PostgresEventStore } from './event-store';
import { postgresJsonLists } from './json-lists';
import { PostgresRejectionStore } from './rejection-store';
import { PostgresSignals } from './signals';
import { PostgresSlidingWindows } from './sliding-windows';

/** The PostgreSQL engine's parts (engine-parts.ts), every one on the store's pool. */
export function postgresEngine(pool: pg.Pool, log?: Logger): EngineParts {
  return {
    events: new PostgresEventStore(pool),
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

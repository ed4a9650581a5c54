import type { DatabaseSync } from 'node:sqlite';
import type { EngineParts } from '../engine-parts';
import { reclaimFreePages } from '../reclaim-space';
import { SqliteConnectionRouting } from './connection-routing';
import { SqliteEventStore } from './event-store';
import type { OffThreadWriter } from './off-thread-writer';
import { sqliteJsonLists } from './json-lists';
import { SqliteRejectionStore } from './rejection-store';
import { SqliteSlidingWindows } from './sliding-windows';
import { sqliteSessionAdapter } from '../session-adapter';
import { singleProcessSignals } from '../signals';

/**
 * The SQLite engine's parts over one node:sqlite connection; call after migrating (statements
 * are prepared here). With `writer`, the event log's group commits run on its thread.
 */
export function sqliteEngine(sqlite: DatabaseSync, writer: OffThreadWriter | null = null): EngineParts {
  return {
    events: new SqliteEventStore(sqlite, writer),
    rejections: new SqliteRejectionStore(sqlite),
    routing: new SqliteConnectionRouting(sqlite),
    jsonLists: sqliteJsonLists,
    windows: new SqliteSlidingWindows(sqlite),
    sessionAdapter: sqliteSessionAdapter(sqlite),
    signals: singleProcessSignals,
    reclaimSpace: () => reclaimFreePages(sqlite),
  };
}

import type { DatabaseSync } from 'node:sqlite';
import type { EngineParts } from '../engine-parts';
import { reclaimFreePages } from '../reclaim-space';
import { SqliteConnectionRouting } from './connection-routing';
import { SqliteEventStore } from './event-store';
import { sqliteJsonLists } from './json-lists';
import { SqliteRejectionStore } from './rejection-store';
import { SqliteSlidingWindows } from './sliding-windows';
import { sqliteSessionAdapter } from '../session-adapter';
import { singleProcessSignals } from '../signals';

/** The SQLite engine's parts over one node:sqlite connection; call after migrating (statements are prepared here). */
export function sqliteEngine(sqlite: DatabaseSync): EngineParts {
  return {
    events: new SqliteEventStore(sqlite),
    rejections: new SqliteRejectionStore(sqlite),
    routing: new SqliteConnectionRouting(sqlite),
    jsonLists: sqliteJsonLists,
    windows: new SqliteSlidingWindows(sqlite),
    sessionAdapter: sqliteSessionAdapter(sqlite),
    signals: singleProcessSignals,
    reclaimSpace: () => reclaimFreePages(sqlite),
  };
}

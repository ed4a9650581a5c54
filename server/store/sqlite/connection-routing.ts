import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ConnectionRouting, RoutedConnection } from '../connection-routing';

/**
 * Two indexed lookups, one per way a webhook names its account (migration 010), joined:
 * an OR of the two would read every connection of the provider.
 */
export const SQLITE_CONNECTIONS_FOR = `
  SELECT id, workspace_id, created_at FROM connections
  WHERE provider = ? AND account_id IN (SELECT value FROM json_each(?))
  UNION
  SELECT id, workspace_id, created_at FROM connections
  WHERE provider = ? AND lower(account_label) IN (SELECT lower(value) FROM json_each(?))
  ORDER BY created_at, id`;

/** Answers kept at most; a stream of webhooks for ever new accounts empties the cache instead of growing it. */
export const ROUTING_CACHE_ENTRIES = 1000;

/** The columns a routing answer depends on: a token refresh or a rename of the label shown elsewhere does not empty the cache. */
const ROUTING_COLUMNS = 'id, workspace_id, provider, account_id, account_label, created_at';

/**
 * Routing on SQLite, with its answers cached: the lookup runs on every webhook, and under
 * load it cost about 30 µs of the main thread's time per request (a read transaction
 * over a write-ahead log the writer thread keeps growing), a tenth of all intake did.
 *
 * The cache is emptied by temporary triggers on this connection whenever a row of
 * `connections` is inserted, deleted or has a routing column changed. That is every
 * change there can be: the data folder is locked to one process (data-dir-lock.ts), and
 * in it only this connection writes `connections` (the writer thread writes the event
 * log). A change inside a transaction empties it too, and nothing is cached while a
 * transaction is open on the connection, so an answer that saw uncommitted rows is never
 * kept past a rollback.
 */
export class SqliteConnectionRouting implements ConnectionRouting {
  private readonly stmt: StatementSync;
  private readonly cache = new Map<string, RoutedConnection[]>();

  constructor(private readonly sqlite: DatabaseSync) {
    this.stmt = sqlite.prepare(SQLITE_CONNECTIONS_FOR);
    onConnectionsChanged(sqlite, () => this.cache.clear());
  }

  async connectionsFor(provider: string, accountIds: string[], accountLabels: string[]): Promise<RoutedConnection[]> {
    const key = JSON.stringify([provider, accountIds, accountLabels]);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const rows = this.stmt.all(provider, JSON.stringify(accountIds), provider, JSON.stringify(accountLabels)) as unknown as RoutedConnection[];
    const answer = rows.map(({ id, workspace_id }) => ({ id, workspace_id }));
    if (!this.sqlite.isTransaction) {
      if (this.cache.size >= ROUTING_CACHE_ENTRIES) this.cache.clear();
      this.cache.set(key, answer);
    }
    return answer;
  }
}

const listeners = new WeakMap<DatabaseSync, Set<() => void>>();

/** Calls `listener` on every change to `connections` made through `sqlite` (once per statement row, inside its transaction). */
function onConnectionsChanged(sqlite: DatabaseSync, listener: () => void): void {
  let set = listeners.get(sqlite);
  if (!set) {
    const registered = new Set<() => void>();
    listeners.set(sqlite, (set = registered));
    sqlite.function('weft_connections_changed', () => {
      for (const l of registered) l();
      return null;
    });
    for (const [name, event] of [['insert', 'INSERT'], ['delete', 'DELETE'], ['update', `UPDATE OF ${ROUTING_COLUMNS}`]]) {
      sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS weft_connections_${name} AFTER ${event} ON main.connections BEGIN SELECT weft_connections_changed(); END`);
    }
  }
  set.add(listener);
}

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ConnectionRouting, RoutedConnection } from '../connection-routing';

/** Distinct lookups kept at most; past that the cache starts over (a flood of made-up account ids cannot grow it). */
const MAX_CACHED = 10_000;

/**
 * Routing on SQLite, with every answer cached until `connections` changes: it runs on
 * every webhook, and a GitHub organisation's webhooks all ask the same question.
 *
 * Every write to `connections` goes through this connection (the server's one: the
 * writer thread only writes the event log, and one server owns a data folder), so
 * TEMP triggers on it see them all: an insert, a delete, or an update of a column the
 * lookup reads clears the cache. Nothing is cached while a transaction is open: its
 * rows may yet be rolled back.
 */
export class SqliteConnectionRouting implements ConnectionRouting {
  private readonly stmt: StatementSync;
  private readonly cache = new Map<string, RoutedConnection[]>();

  constructor(private readonly sqlite: DatabaseSync) {
    this.stmt = sqlite.prepare(
      `SELECT id, workspace_id FROM connections
       WHERE provider = ? AND (account_id IN (SELECT value FROM json_each(?))
                               OR lower(account_label) IN (SELECT lower(value) FROM json_each(?)))
       ORDER BY created_at, id`,
    );
    sqlite.function('weft_connections_changed', () => {
      this.cache.clear();
      return null;
    });
    sqlite.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS weft_routing_insert AFTER INSERT ON main.connections BEGIN SELECT weft_connections_changed(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS weft_routing_delete AFTER DELETE ON main.connections BEGIN SELECT weft_connections_changed(); END;
      CREATE TEMP TRIGGER IF NOT EXISTS weft_routing_update AFTER UPDATE OF provider, workspace_id, account_id, account_label, created_at ON main.connections
        BEGIN SELECT weft_connections_changed(); END;
    `);
  }

  async connectionsFor(provider: string, accountIds: string[], accountLabels: string[]): Promise<RoutedConnection[]> {
    const ids = JSON.stringify(accountIds);
    const labels = JSON.stringify(accountLabels);
    const key = `${provider}\n${ids}\n${labels}`;
    const cached = this.cache.get(key);
    if (cached) return cached.slice();
    const rows = this.stmt.all(provider, ids, labels) as unknown as RoutedConnection[];
    if (!this.sqlite.isTransaction) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(key, rows.slice());
    }
    return rows;
  }
}

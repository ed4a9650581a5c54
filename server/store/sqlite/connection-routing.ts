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

export class SqliteConnectionRouting implements ConnectionRouting {
  private readonly stmt: StatementSync;

  constructor(sqlite: DatabaseSync) {
    this.stmt = sqlite.prepare(SQLITE_CONNECTIONS_FOR);
  }

  async connectionsFor(provider: string, accountIds: string[], accountLabels: string[]): Promise<RoutedConnection[]> {
    const rows = this.stmt.all(provider, JSON.stringify(accountIds), provider, JSON.stringify(accountLabels)) as unknown as RoutedConnection[];
    return rows.map(({ id, workspace_id }) => ({ id, workspace_id }));
  }
}

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ConnectionRouting, RoutedConnection } from '../connection-routing';

export class SqliteConnectionRouting implements ConnectionRouting {
  private readonly stmt: StatementSync;

  constructor(sqlite: DatabaseSync) {
    this.stmt = sqlite.prepare(
      `SELECT id, workspace_id FROM connections
       WHERE provider = ? AND (account_id IN (SELECT value FROM json_each(?))
                               OR lower(account_label) IN (SELECT lower(value) FROM json_each(?)))
       ORDER BY created_at, id`,
    );
  }

  async connectionsFor(provider: string, accountIds: string[], accountLabels: string[]): Promise<RoutedConnection[]> {
    return this.stmt.all(provider, JSON.stringify(accountIds), JSON.stringify(accountLabels)) as unknown as RoutedConnection[];
  }
}

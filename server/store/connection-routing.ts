/** A connection an inbound webhook item is addressed to. */
export interface RoutedConnection {
  id: string;
  workspace_id: string;
}

/**
 * Finds connections by a provider's account ids (installation id, portal id, team id) or
 * by account labels matched case-insensitively (GitHub logins), oldest first (by
 * `created_at`, then id, so ties come back in the same order on every engine). It runs
 * on every webhook: one prepared statement on SQLite, its answers cached until `connections`
 * changes (sqlite/connection-routing.ts), one
 * indexed query on the pool on PostgreSQL.
 */
export interface ConnectionRouting {
  connectionsFor(provider: string, accountIds: string[], accountLabels: string[]): Promise<RoutedConnection[]>;
}

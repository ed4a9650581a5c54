/** A connection an inbound webhook item is addressed to. */
export interface RoutedConnection {
  id: string;
  workspace_id: string;
}

/**
 * Finds connections by a provider's account ids (installation id, portal id, team id) or
 * by account labels matched case-insensitively (GitHub logins), oldest first. Synchronous
 * and prepared once on SQLite (sqlite/connection-routing.ts): it runs on every webhook.
 */
export interface ConnectionRouting {
  connectionsFor(provider: string, accountIds: string[], accountLabels: string[]): RoutedConnection[];
}

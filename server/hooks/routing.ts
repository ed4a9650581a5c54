import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { InboundItem } from './intake-types';

/**
 * Finds the connections an inbound item belongs to: by the provider's account id
 * (installation id, portal id, team id) or by a login matching a connected account
 * (GitHub logins are case-insensitive). Synchronous and prepared once: it runs on every
 * webhook. Returns one connection per workspace, the oldest, so each owner gets one event.
 */
export class WebhookRouter {
  private readonly stmt: StatementSync;

  constructor(sqlite: DatabaseSync) {
    this.stmt = sqlite.prepare(
      `SELECT id, workspace_id FROM connections
       WHERE provider = ? AND (account_id IN (SELECT value FROM json_each(?))
                               OR lower(account_label) IN (SELECT lower(value) FROM json_each(?)))
       ORDER BY created_at`,
    );
  }

  route(provider: string, item: InboundItem): Map<string, string> {
    const rows = this.stmt.all(provider, JSON.stringify(item.route.accountIds), JSON.stringify(item.route.accountLabels)) as {
      id: string;
      workspace_id: string;
    }[];
    const byWorkspace = new Map<string, string>();
    for (const row of rows) if (!byWorkspace.has(row.workspace_id)) byWorkspace.set(row.workspace_id, row.id);
    return byWorkspace;
  }
}

import type { ConnectionRouting } from '../store/connection-routing';
import type { InboundItem } from './intake-types';

/**
 * Finds the connections an inbound item belongs to: by the provider's account id
 * (installation id, portal id, team id) or by a login matching a connected account
 * (GitHub logins are case-insensitive). Returns one connection per workspace, the
 * oldest, so each owner gets one event.
 */
export class WebhookRouter {
  constructor(private readonly store: ConnectionRouting) {}

  async route(provider: string, item: InboundItem): Promise<Map<string, string>> {
    const rows = await this.store.connectionsFor(provider, item.route.accountIds, item.route.accountLabels);
    const byWorkspace = new Map<string, string>();
    for (const row of rows) if (!byWorkspace.has(row.workspace_id)) byWorkspace.set(row.workspace_id, row.id);
    return byWorkspace;
  }
}

import type pg from 'pg';
import type { ConnectionRouting, RoutedConnection } from '../connection-routing';

// Labels are lowered by PostgreSQL on both sides, so they compare exactly as stored ones do.
const CONNECTIONS_FOR = `
  SELECT id, workspace_id FROM connections
  WHERE provider = $1 AND (account_id = ANY(CAST($2 AS text[]))
                           OR lower(account_label) IN (SELECT lower(l) FROM unnest(CAST($3 AS text[])) AS l))
  ORDER BY created_at, id`;

/** Webhook routing on PostgreSQL: one named statement, prepared once per pooled connection. */
export class PostgresConnectionRouting implements ConnectionRouting {
  constructor(private readonly pool: pg.Pool) {}

  async connectionsFor(provider: string, accountIds: string[], accountLabels: string[]): Promise<RoutedConnection[]> {
    const { rows } = await this.pool.query<RoutedConnection>({ name: 'weft_connections_for', text: CONNECTIONS_FOR, values: [provider, accountIds, accountLabels] });
    return rows;
  }
}

import type pg from 'pg';
import type { ConnectionRouting, RoutedConnection } from '../connection-routing';

/**
 * Two indexed lookups, one per way a webhook names its account (migration 010), joined:
 * an OR of the two would read every connection of the provider. Labels are lowered by
 * PostgreSQL on both sides, so they compare exactly as stored ones do; ARRAY(…) is
 * computed once, so `= ANY` can use the index.
 */
export const POSTGRES_CONNECTIONS_FOR = `
  SELECT id, workspace_id, created_at FROM connections
  WHERE provider = $1 AND account_id = ANY(CAST($2 AS text[]))
  UNION
  SELECT id, workspace_id, created_at FROM connections
  WHERE provider = $1 AND lower(account_label) = ANY(ARRAY(SELECT lower(l) FROM unnest(CAST($3 AS text[])) AS l))
  ORDER BY created_at, id`;

/** Webhook routing on PostgreSQL: one named statement, prepared once per pooled connection. */
export class PostgresConnectionRouting implements ConnectionRouting {
  constructor(private readonly pool: pg.Pool) {}

  async connectionsFor(provider: string, accountIds: string[], accountLabels: string[]): Promise<RoutedConnection[]> {
    const { rows } = await this.pool.query<RoutedConnection>({ name: 'weft_connections_for', text: POSTGRES_CONNECTIONS_FOR, values: [provider, accountIds, accountLabels] });
    return rows.map(({ id, workspace_id }) => ({ id, workspace_id }));
  }
}

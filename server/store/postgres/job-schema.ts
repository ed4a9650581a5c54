import type pg from 'pg';
import { Logger as GraphileLogger, runMigrations } from 'graphile-worker';
import type { Logger } from '../../lib/log';

/**
 * graphile-worker's schema (`graphile_worker`), installed or brought up to the installed
 * package's version by graphile-worker itself, right after the store's own migrations.
 * Instances starting together are safe: each of its migrations records its number first
 * (a primary key), and the instance that loses that race waits and looks again.
 */
export async function migrateJobSchema(pool: pg.Pool, log?: Logger): Promise<void> {
  const logger = new GraphileLogger(() => (level, message) => {
    if (level === 'error') log?.error(`graphile-worker: ${message}`);
    else if (level === 'warning') log?.warn(`graphile-worker: ${message}`);
  });
  await runMigrations({ pgPool: pool, logger });
}

import type { Migration, MigrationProvider } from 'kysely';
import * as accountsAndConnections from './001-accounts-and-connections';
import * as webhooksAndEvents from './002-webhooks-and-events';
import * as actionIdempotency from './003-action-idempotency';
import * as sessionTokenHash from './004-session-token-hash';
import * as oauthPendingGrants from './005-oauth-pending-grants';
import * as rejectedDeliveryLimits from './006-rejected-delivery-limits';
import * as oneConnectionPerAccount from './007-one-connection-per-account';
import * as eventRetentionIndexes from './008-event-retention-indexes';
import * as jobs from './009-jobs';

/**
 * Versioned migrations, applied in name order at start. Add a file `NNN-what.ts` and list
 * it here; never edit one that has shipped. Static imports (not a folder scan) so the
 * set is the same under tsx, vitest and a bundle.
 */
const migrations: Record<string, Migration> = {
  '001-accounts-and-connections': accountsAndConnections,
  '002-webhooks-and-events': webhooksAndEvents,
  '003-action-idempotency': actionIdempotency,
  '004-session-token-hash': sessionTokenHash,
  '005-oauth-pending-grants': oauthPendingGrants,
  '006-rejected-delivery-limits': rejectedDeliveryLimits,
  '007-one-connection-per-account': oneConnectionPerAccount,
  '008-event-retention-indexes': eventRetentionIndexes,
  '009-jobs': jobs,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

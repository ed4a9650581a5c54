import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Engine } from '../engine';
import * as accountsAndConnections from './001-accounts-and-connections';
import * as webhooksAndEvents from './002-webhooks-and-events';
import * as actionIdempotency from './003-action-idempotency';
import * as sessionTokenHash from './004-session-token-hash';
import * as oauthPendingGrants from './005-oauth-pending-grants';
import * as rejectedDeliveryLimits from './006-rejected-delivery-limits';
import * as oneConnectionPerAccount from './007-one-connection-per-account';
import * as eventRetentionIndexes from './008-event-retention-indexes';
import * as jobs from './009-jobs';
import * as routingIndexes from './010-routing-indexes';
import * as sharedLimits from './011-shared-limits';
import * as eventsDepthWatermark from './012-events-depth-watermark';
import * as flows from './013-flows';
import * as flowInstanceConnections from './015-flow-instance-connections';
import * as flowWebhookDeliveries from './017-flow-webhook-deliveries';
import * as flowRunChainDepth from './018-flow-run-chain-depth';
import * as flowInstanceAlertConnection from './019-flow-instance-alert-connection';
import * as integrationDraftYaml from './020-integration-draft-yaml';
import * as integrationSearchText from './021-integration-search-text';
import * as integrationVersionYaml from './022-integration-version-yaml';

/**
 * A migration that may ask which engine it runs on (for the column types in
 * `../engine.ts`); one that does not need to takes only `db`, like any Kysely migration.
 */
export interface EngineMigration {
  up(db: Kysely<any>, engine: Engine): Promise<void>;
  down?(db: Kysely<any>, engine: Engine): Promise<void>;
}

/**
 * Versioned migrations, applied in name order at start, the same set on SQLite and
 * PostgreSQL. Add a file `NNN-what.ts` and list it here; never edit one that has shipped
 * except to let it run on another engine without changing what it does on SQLite. Static
 * imports (not a folder scan) so the set is the same under tsx, vitest and a bundle.
 */
const migrations: Record<string, EngineMigration> = {
  '001-accounts-and-connections': accountsAndConnections,
  '002-webhooks-and-events': webhooksAndEvents,
  '003-action-idempotency': actionIdempotency,
  '004-session-token-hash': sessionTokenHash,
  '005-oauth-pending-grants': oauthPendingGrants,
  '006-rejected-delivery-limits': rejectedDeliveryLimits,
  '007-one-connection-per-account': oneConnectionPerAccount,
  '008-event-retention-indexes': eventRetentionIndexes,
  '009-jobs': jobs,
  '010-routing-indexes': routingIndexes,
  '011-shared-limits': sharedLimits,
  '012-events-depth-watermark': eventsDepthWatermark,
  '013-flows': flows,
  '015-flow-instance-connections': flowInstanceConnections,
  '017-flow-webhook-deliveries': flowWebhookDeliveries,
  '018-flow-run-chain-depth': flowRunChainDepth,
  '019-flow-instance-alert-connection': flowInstanceAlertConnection,
  '020-integration-draft-yaml': integrationDraftYaml,
  '021-integration-search-text': integrationSearchText,
  '022-integration-version-yaml': integrationVersionYaml,
};

/** The names of every migration, in the order they apply. */
export const migrationNames: readonly string[] = Object.keys(migrations).sort();

/** The migrations as Kysely's Migrator takes them, told which engine they run on. */
export function migrationProvider(engine: Engine): MigrationProvider {
  const bound: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(migrations)) {
    const { down } = m;
    bound[name] = { up: (db) => m.up(db, engine), ...(down ? { down: (db: Kysely<any>) => down(db, engine) } : {}) };
  }
  return { getMigrations: async () => bound };
}

import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { migrationProvider } from '../migrations';
import { nodeSqliteDialect } from '../node-sqlite-dialect';
import { createPostgresPool } from '../postgres-pool';

/**
 * For tests of rows an older release left behind: writes one event (and its delivery,
 * whose body is the event's payload, stored once) into a stopped server's database, the
 * SQLite file in `dataDir` or the PostgreSQL one at `databaseUrl`, the way a release
 * before migration 012 did (no depth check), after bringing the database back to the
 * migration before 012. When the server starts again, 012 runs and marks the event as
 * stored before appends checked depth.
 */
export async function writeEventBefore012(
  where: { dataDir: string } | { databaseUrl: string },
  e: { workspaceId: string; endpointId: string; title: string; body: string },
): Promise<{ deliveryId: number; eventId: number }> {
  const engine = 'databaseUrl' in where ? 'postgres' : 'sqlite';
  const db = new Kysely<any>({
    dialect: 'databaseUrl' in where
      ? new PostgresDialect({ pool: createPostgresPool(where.databaseUrl, 1) })
      : nodeSqliteDialect(new DatabaseSync(path.join(where.dataDir, 'weft.db'))),
  });
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider(engine), allowUnorderedMigrations: true }).migrateTo('011-shared-limits');
    if (error) throw error;
    const now = new Date().toISOString();
    const type = `custom.${e.endpointId}`;
    const { id: deliveryId } = await db.insertInto('deliveries').values({
      provider: 'custom', endpoint_id: e.endpointId, delivery_key: null, event_type: type, status: 'accepted', reason: null,
      workspace_ids: JSON.stringify([e.workspaceId]), received_at: now, body_preview: e.body.slice(0, 500), body: e.body, headers: '{}', event_count: 1,
    }).returning('id').executeTakeFirstOrThrow();
    const summary = { title: e.title, url: null, actor: null, assignees: [], mentions: [], subject: null };
    const { id: eventId } = await db.insertInto('events').values({
      workspace_id: e.workspaceId, type, provider: 'custom', connection_id: null, delivery_id: deliveryId,
      summary: JSON.stringify(summary), payload: null, created_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    return { deliveryId: Number(deliveryId), eventId: Number(eventId) };
  } finally {
    await db.destroy();
  }
}

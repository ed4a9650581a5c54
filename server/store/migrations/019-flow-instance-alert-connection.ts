import type { Kysely } from 'kysely';

/**
 * `flow_instances.alert_connection_id`: the Slack connection an instance's failure alert
 * posts with (the `connection` of its `failure_alert` JSON), as a column of its own so the
 * connection list can count that use and a delete can name it and turn the alert off
 * (server/flows/instances/connection-usage.ts). Kept apart from
 * `flow_instance_connections`, which lists the connections a flow runs on: a broken
 * alert connection must not pause the flows. Existing alerts are copied in.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('flow_instances').addColumn('alert_connection_id', 'text').execute();
  await db.schema.createIndex('flow_instances_alert_connection').on('flow_instances').column('alert_connection_id').execute();
  const alerts = await db.selectFrom('flow_instances').select(['id', 'failure_alert']).where('failure_alert', 'is not', null).execute();
  for (const row of alerts as { id: string; failure_alert: string }[]) {
    let connection: unknown;
    try {
      connection = (JSON.parse(row.failure_alert) as { connection?: unknown }).connection;
    } catch {
      continue;
    }
    if (typeof connection === 'string') await db.updateTable('flow_instances').set({ alert_connection_id: connection }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('flow_instances_alert_connection').execute();
  await db.schema.alterTable('flow_instances').dropColumn('alert_connection_id').execute();
}

import type { Kysely } from 'kysely';

/**
 * The loop guard of flows (issue 10): `flow_runs.chain_depth` counts the flow runs that
 * led to this one. 0 for a run a person, a webhook, a schedule or a provider's event
 * started; a run started by an event another run's work made (its `origin`) is one
 * deeper than that run. Events such a run makes carry `chain_depth + 1` as their origin's
 * depth, and a trigger does not fire from an event past the limit
 * (server/flows/runner/loop-guard.ts). A re-run keeps its run's depth.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('flow_runs').addColumn('chain_depth', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('flow_runs').dropColumn('chain_depth').execute();
}

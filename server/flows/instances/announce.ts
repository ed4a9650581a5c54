import type { Kysely } from 'kysely';
import { flowInstanceUpdatedType, type FlowInstanceUpdatedPayload } from '../../../shared/protocol/flows';
import type { EventLog } from '../../events/event-log';
import type { Database, FlowInstanceStatus } from '../../store/schema';

type Deps = { db: Kysely<Database>; events: EventLog };

/** What an announcement needs of an instance. */
export interface AnnouncedInstance {
  id: string;
  name: string;
  workspace_id: string;
  status: FlowInstanceStatus;
  status_reason: string | null;
}

type Change = FlowInstanceUpdatedPayload['change'];

const titles: { [K in Change['kind']]: (name: string, change: Extract<Change, { kind: K }>) => string } = {
  paused: (name, c) => `Flow ${name} paused: ${c.reason}`,
  resumed: (name) => `Flow ${name} resumed: its connections work again`,
  deployed: (name, c) => `Flow ${name} deployed (version ${c.version})`,
  changed: (name, c) => `Flow ${name} changed (version ${c.version})`,
  deleted: (name) => `Flow ${name} deleted`,
};

/**
 * Appends `flow.instance.updated` for each instance to its workspace, in one append: every
 * browser signed in to it hears at once (the live push) and re-reads its manual flows,
 * whichever browser or server made the change; the owner is notified of a pause.
 * `connectionId`: the connection that caused a pause or resume.
 */
export async function announceInstances(deps: Deps, instances: readonly AnnouncedInstance[], change: Change, connectionId: string | null = null): Promise<void> {
  if (instances.length === 0) return;
  await deps.events.append(instances.map((instance) => instanceEvent(instance, change, connectionId)));
}

/** One instance's announcement (announceInstances). */
export const announceInstance = (deps: Deps, instance: AnnouncedInstance, change: Change, connectionId: string | null = null) =>
  announceInstances(deps, [instance], change, connectionId);

function instanceEvent(instance: AnnouncedInstance, change: Change, connectionId: string | null) {
  const payload: FlowInstanceUpdatedPayload = {
    instance: { id: instance.id, name: instance.name, status: instance.status, statusReason: instance.status === 'active' ? null : instance.status_reason },
    change,
  };
  const title = (titles[change.kind] as (name: string, c: Change) => string)(instance.name, change);
  return {
    workspaceId: instance.workspace_id,
    type: flowInstanceUpdatedType,
    provider: 'weft',
    connectionId,
    summary: { title, url: null, actor: null, assignees: [], mentions: [], subject: `flow_instance:${instance.id}` },
    payload,
  };
}

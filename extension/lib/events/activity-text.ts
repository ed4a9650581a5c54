import { actionCompletedType, connectionSentence, flowInstanceUpdatedPayloadSchema, flowInstanceUpdatedType, type WeftEvent } from '@@/shared/protocol';
import { connectionUpdateOf } from './connection-update';

/**
 * The sentence the activity list shows for an event, or null when it is not news and is
 * left out. A connection change says what happened ("renamed to Sales portal", "tested:
 * failed — Bad credentials", "expired", "deleted"), not the connection's state after it;
 * a passing Test of a connection that already worked is left out. Events from before the
 * change kinds existed, and every other event, read as their title.
 *
 * @example activityText(renameEvent, 'HubSpot') // 'HubSpot (Portal 62515) renamed to Sales portal'
 */
export function activityText(event: WeftEvent, providerName: string): string | null {
  const update = connectionUpdateOf(event);
  if (update?.change) {
    const name = 'connection' in update ? update.connection.name : (update.name ?? update.id);
    return connectionSentence(providerName, name, update.change);
  }
  return event.summary.title || event.type;
}

/** Shown in activity (and worth a notification, when a rule wants it)? */
export const isNews = (event: WeftEvent) => activityText(event, '') !== null;

/** Changes to an instance a person made (deployed, changed, deleted), as opposed to Weft pausing or resuming it. */
const PEOPLES_CHANGES: ReadonlySet<string> = new Set(['deployed', 'changed', 'deleted']);

/**
 * The user's own action, sent from this browser or another: in activity, never a
 * notification. An action they ran, or a flow they deployed, changed or deleted.
 */
export const isOwnAction = (event: WeftEvent) => {
  if (event.type === actionCompletedType) return true;
  if (event.type !== flowInstanceUpdatedType) return false;
  const parsed = flowInstanceUpdatedPayloadSchema.safeParse(event.payload);
  return parsed.success && PEOPLES_CHANGES.has(parsed.data.change.kind);
};

import { actionCompletedType, connectionSentence, type WeftEvent } from '@@/shared/protocol';
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

/** The user's own action, sent from this browser or another: in activity, never a notification. */
export const isOwnAction = (event: WeftEvent) => event.type === actionCompletedType;

import { connectionUpdatedType, connectionUpdatePayloadSchema, type ConnectionUpdatePayload, type WeftEvent } from '@@/shared/protocol';
import { db } from '../db';

/** `connection.updated` carries the connection's new state, or says it was deleted; and, since the change kinds, what happened. */
export type ConnectionUpdate = ConnectionUpdatePayload;

/** The payload of a `connection.updated` event, or null for any other event (or a malformed one). */
export function connectionUpdateOf(event: WeftEvent): ConnectionUpdate | null {
  if (event.type !== connectionUpdatedType) return null;
  const parsed = connectionUpdatePayloadSchema.safeParse(event.payload);
  return parsed.success ? parsed.data : null;
}

/**
 * Writes the update into the connections cache (the popup's list follows through
 * liveQuery). Call inside the transaction that applies the event. An update older than
 * the cached row is skipped: catching up after a gap replays old states, and the list
 * re-read since (a popup opened) may already be newer.
 */
export async function applyConnectionUpdate(update: ConnectionUpdate): Promise<void> {
  if ('deleted' in update) {
    await db.connections.delete(update.id);
    return;
  }
  const cached = await db.connections.get(update.connection.id);
  if (cached && Date.parse(cached.updatedAt) > Date.parse(update.connection.updatedAt)) return;
  // Events do not carry how many flows use it (only the list does): keep the count the list gave.
  const instanceCount = update.connection.instanceCount ?? cached?.instanceCount;
  await db.connections.put(instanceCount === undefined ? update.connection : { ...update.connection, instanceCount });
}

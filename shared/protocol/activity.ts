import { z } from 'zod';
import { connectionSchema } from './connections';
import { eventOriginSchema } from './events';
import { flowInstanceUpdatedPayloadSchema, flowInstanceUpdatedType } from './flows';
import { flowRunFailedPayloadSchema, flowRunFailedType } from './flow-runs';

/**
 * What happened to a connection, carried by `connection.updated` as `change`. Events
 * from before it existed have none: readers fall back to the event's title.
 */
export const connectionChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connected') }),
  /** New credentials for the same connection: OAuth consent again, or a rotated key. */
  z.object({ kind: z.literal('reconnected') }),
  /** The new name is the connection's `name`. */
  z.object({ kind: z.literal('renamed'), from: z.string() }),
  /** `changed`: the test moved the status (working again, or newly failing). */
  z.object({ kind: z.literal('tested'), ok: z.boolean(), changed: z.boolean(), reason: z.string().nullable().default(null) }),
  /** The provider refused the credentials during an action or a refresh. */
  z.object({ kind: z.literal('expired'), reason: z.string().nullable().default(null) }),
  z.object({ kind: z.literal('deleted') }),
]);
export type ConnectionChange = z.infer<typeof connectionChangeSchema>;

/** The type of the event that tells a user's browsers a connection changed. */
export const connectionUpdatedType = 'connection.updated';

/** The payload of `connection.updated`: the connection's new state, or that it was deleted; and what happened. */
export const connectionUpdatePayloadSchema = z.union([
  z.object({ connection: connectionSchema, change: connectionChangeSchema.optional() }),
  z.object({ deleted: z.literal(true), id: z.string(), name: z.string().optional(), change: connectionChangeSchema.optional() }),
]);
export type ConnectionUpdatePayload = z.infer<typeof connectionUpdatePayloadSchema>;

/**
 * The activity line for a connection change, or null when it is not news: a Test that
 * passed on a connection that was already working (the user who clicked it saw the
 * answer in the row; everyone else learns nothing from it).
 *
 * @example connectionSentence('HubSpot', 'Sales portal', { kind: 'renamed', from: 'Portal 62515' }) // 'HubSpot (Portal 62515) renamed to Sales portal'
 * @example connectionSentence('GitHub', 'Work', { kind: 'tested', ok: false, changed: true, reason: 'Bad credentials' }) // 'GitHub (Work) tested: failed — Bad credentials'
 */
export function connectionSentence(providerName: string, name: string, change: ConnectionChange): string | null {
  const who = `${providerName} (${name})`;
  const because = (reason: string | null) => (reason ? ` — ${reason}` : '');
  switch (change.kind) {
    case 'connected':
      return `${who} connected`;
    case 'reconnected':
      return `${who} reconnected`;
    case 'renamed':
      return `${providerName} (${change.from}) renamed to ${name}`;
    case 'tested':
      if (!change.ok) return `${who} tested: failed${because(change.reason)}`;
      return change.changed ? `${who} tested: OK, working again` : null;
    case 'expired':
      return `${who} expired${because(change.reason)}`;
    case 'deleted':
      return `${who} deleted`;
  }
}

/** The type of the event the server sends a user's browsers after one of their actions succeeded. */
export const actionCompletedType = 'action.completed';

/** Its payload; the sentence ("You created issue #12 in acme/app") is the event's title. */
export const actionCompletedPayloadSchema = z.object({
  userId: z.string(),
  provider: z.string(),
  action: z.string(),
  connectionId: z.string(),
  /** The flow run whose step ran the action; absent when a person ran it. */
  origin: eventOriginSchema.optional(),
});
export type ActionCompletedPayload = z.infer<typeof actionCompletedPayloadSchema>;

/**
 * The payload schema of each event type Weft makes itself. Events from providers carry
 * the provider's payload as it came (`payload: unknown`); these carry Weft's own.
 */
export const ownEventPayloadSchemas: Record<string, z.ZodType> = {
  [connectionUpdatedType]: connectionUpdatePayloadSchema,
  [actionCompletedType]: actionCompletedPayloadSchema,
  [flowInstanceUpdatedType]: flowInstanceUpdatedPayloadSchema,
  [flowRunFailedType]: flowRunFailedPayloadSchema,
};

import { z } from 'zod';
import { weftEventSchema, type ServerMessage } from '@@/shared/protocol';

// The contract types these messages but has no schema for them; annotated with its type,
// so a change in shared/protocol fails the typecheck here.
const serverMessageSchema: z.ZodType<ServerMessage> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), user: z.object({ id: z.string(), email: z.string() }), cursor: z.number().int().min(0) }),
  z.object({ type: z.literal('event'), event: weftEventSchema }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);

/** A WebSocket frame from the server, checked against the contract; null for anything else. */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = serverMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

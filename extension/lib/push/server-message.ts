import { serverMessageSchema, type ServerMessage } from '@@/shared/protocol';

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

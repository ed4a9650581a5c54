import { z } from 'zod';
import { weftEventSchema } from './events';

/** WebSocket `/api/events/ws`: what a client sends. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  /** First message: who you are and the last id you have. */
  z.object({ type: z.literal('hello'), token: z.string(), cursor: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * What the server pushes: each WebSocket frame, and the data of each `weft` event on the
 * SSE stream (`GET /api/events/stream`).
 */
export const serverMessageSchema = z.discriminatedUnion('type', [
  /**
   * The answer to `hello` (and the first message of an SSE stream): whose stream this is,
   * the cursor the catch-up starts from, and the newest event id in the server's log. A
   * cursor above `latestId` belongs to a log that no longer exists (the database was
   * restored from a backup, or replaced): ids below the cursor will be given to new
   * events, so a client that resumed from it would skip them. It starts over from 0.
   */
  z.object({
    type: z.literal('ready'),
    user: z.object({ id: z.string(), email: z.string() }),
    cursor: z.number().int().min(0),
    latestId: z.number().int().min(0),
  }),
  z.object({ type: z.literal('event'), event: weftEventSchema }),
  /** The server's heartbeat (every 20 s); a client's `ping` is answered with `pong`. */
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('pong') }),
  /** `unauthorized` ends the socket (session over); `invalid_request` is about one message. */
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

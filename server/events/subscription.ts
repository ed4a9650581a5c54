import type { WeftEvent } from '../../shared/protocol/events';
import { eventMessage, type EventLog } from './event-log';
import type { PushHub } from './push-hub';

const PAGE = 500;

/** Push transports ping (WebSocket) or send a comment (SSE) this often to keep the line and an MV3 worker alive. */
export const HEARTBEAT_MS = 20_000;

/** A push client this far behind is dropped; it resumes from its cursor when it reconnects. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * Resume-by-id for any push transport: attach to live events first (buffering them),
 * replay everything after the client's cursor from the log page by page, then flush the
 * buffer, skipping what the replay already sent. Nothing is lost between replay and
 * live, and nothing is sent twice.
 *
 * If the catch-up itself fails (the log cannot be read), `fail` is called once and the
 * subscription stops: the transport closes and the client resumes from its cursor later.
 * Nothing here may throw out of a setImmediate, where it would take the process down.
 */
export function startSubscription(
  log: EventLog,
  hub: PushHub,
  workspaceIds: string[],
  cursor: number,
  send: (event: WeftEvent, message: string) => void,
  fail: (error: unknown) => void,
): () => void {
  let last = cursor;
  let buffer: { event: WeftEvent; message: string }[] | null = [];
  const deliver = (event: WeftEvent, message: string) => {
    if (event.id <= last) return;
    last = event.id;
    send(event, message);
  };
  const detach = hub.attach({
    workspaceIds: new Set(workspaceIds),
    send: (event, message) => (buffer ? buffer.push({ event, message }) : deliver(event, message)),
  });
  let stopped = false;
  const stop = () => {
    stopped = true;
    detach();
  };
  const replay = () => {
    if (stopped) return;
    try {
      const page = log.after(workspaceIds, last, PAGE);
      for (const event of page) deliver(event, eventMessage(event));
      if (page.length === PAGE) {
        // Yield between pages so a long catch-up does not stall every other request.
        setImmediate(replay);
        return;
      }
      const pending = buffer ?? [];
      buffer = null;
      for (const { event, message } of pending) deliver(event, message);
    } catch (error) {
      stop();
      fail(error);
    }
  };
  replay();
  return stop;
}

import type { EventLog } from './event-log';
import { PushFrame } from './push-frame';
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
 * The reads are asynchronous, so events are committed while a page is being read. Each
 * of them is published to the hub after its commit, and the hub is attached before the
 * first read: it is in the buffer whether or not the read saw it, and the id check in
 * `deliver` drops the copy when the read did. This relies on the store's rule that a
 * reader never finds a new id below one it has seen (store/event-store.ts).
 *
 * If the catch-up itself fails (the log cannot be read), `fail` is called once and the
 * subscription stops: the transport closes and the client resumes from its cursor later.
 * Nothing here may reject unhandled, which would take the process down.
 */
export function startSubscription(
  log: Pick<EventLog, 'after'>,
  hub: PushHub,
  workspaceIds: string[],
  cursor: number,
  send: (frame: PushFrame) => void,
  fail: (error: unknown) => void,
): () => void {
  let last = cursor;
  let buffer: PushFrame[] | null = [];
  const deliver = (frame: PushFrame) => {
    if (frame.event.id <= last) return;
    last = frame.event.id;
    send(frame);
  };
  const detach = hub.attach({
    workspaceIds: new Set(workspaceIds),
    send: (frame) => (buffer ? buffer.push(frame) : deliver(frame)),
  });
  let stopped = false;
  const stop = () => {
    stopped = true;
    buffer = null;
    detach();
  };
  const replay = async () => {
    for (;;) {
      const page = await log.after(workspaceIds, last, PAGE);
      for (const event of page) {
        if (stopped) return;
        deliver(new PushFrame(event));
      }
      if (page.length < PAGE) break;
      // Yield between pages so a long catch-up does not stall every other request (a
      // SQLite read resolves without giving I/O a turn).
      await new Promise((resolve) => setImmediate(resolve));
      if (stopped) return;
    }
    if (stopped) return;
    const pending = buffer ?? [];
    buffer = null;
    for (const frame of pending) {
      if (stopped) return;
      deliver(frame);
    }
  };
  replay().catch((error: unknown) => {
    if (stopped) return;
    stop();
    fail(error);
  });
  return stop;
}

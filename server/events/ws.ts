import { upgradeWebSocket } from '@hono/node-server';
import type { AppDeps } from '../app-context';
import { PushSocket } from './push-socket';
import { HEARTBEAT_MS } from './subscription';

/** A client that has not said hello within this time is closed. */
const HELLO_TIMEOUT_MS = 10_000;

/**
 * `/api/events/ws`: the extension's push channel. Authenticate in the first message
 * (browsers cannot set headers on a WebSocket), send the cursor, receive everything after
 * it, then live events; the protocol is in `push-socket.ts`. The server pings every 20 s:
 * an MV3 service worker with WebSocket traffic at least that often is kept alive
 * (Chrome 116+).
 */
export function eventsWebSocket(deps: AppDeps) {
  return upgradeWebSocket(() => {
    let socket: PushSocket | null = null;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let helloTimer: ReturnType<typeof setTimeout> | undefined;
    return {
      onOpen(_event, ws) {
        socket = new PushSocket(deps, ws);
        helloTimer = setTimeout(() => {
          if (!socket?.saidHello) ws.close(4400, 'send hello first');
        }, HELLO_TIMEOUT_MS);
        heartbeat = setInterval(() => ws.send(JSON.stringify({ type: 'ping' })), HEARTBEAT_MS);
      },
      onMessage(event, _ws) {
        // The handler's promise never rejects: an async error here would be unhandled,
        // and an unhandled rejection ends the Node process.
        void socket?.message(String(event.data));
      },
      onClose() {
        clearTimeout(helloTimer);
        clearInterval(heartbeat);
        socket?.closedByPeer();
      },
    };
  });
}

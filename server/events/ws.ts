import { upgradeWebSocket } from '@hono/node-server';
import type { WSContext } from 'hono/ws';
import { clientMessageSchema, type ServerMessage } from '../../shared/protocol/events';
import { memberWorkspaceIds } from '../accounts/users';
import type { AppDeps } from '../app-context';
import { HEARTBEAT_MS } from './routes';
import { startSubscription } from './subscription';

/** A client that has not said hello within this time is closed. */
const HELLO_TIMEOUT_MS = 10_000;
/** A client this far behind is dropped; it resumes from its cursor when it reconnects. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

const send = (ws: WSContext, message: ServerMessage) => ws.send(JSON.stringify(message));

/**
 * `/api/events/ws`: the extension's push channel. Authenticate in the first message
 * (browsers cannot set headers on a WebSocket), send the cursor, receive everything after
 * it, then live events. The server pings every 20 s: an MV3 service worker with WebSocket
 * traffic at least that often is kept alive (Chrome 116+).
 */
export function eventsWebSocket(deps: AppDeps) {
  return upgradeWebSocket(() => {
    let stop: (() => void) | null = null;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let helloTimer: ReturnType<typeof setTimeout> | undefined;
    let authed = false;

    return {
      onOpen(_event, ws) {
        helloTimer = setTimeout(() => ws.close(4400, 'send hello first'), HELLO_TIMEOUT_MS);
        heartbeat = setInterval(() => send(ws, { type: 'ping' }), HEARTBEAT_MS);
      },
      async onMessage(event, ws) {
        let parsed;
        try {
          parsed = clientMessageSchema.safeParse(JSON.parse(String(event.data)));
        } catch {
          parsed = null;
        }
        if (!parsed?.success) {
          send(ws, { type: 'error', code: 'invalid_request', message: 'Messages are JSON: {type:"hello", token, cursor} or {type:"ping"}.' });
          return;
        }
        const message = parsed.data;
        if (message.type === 'ping') return send(ws, { type: 'pong' });
        if (authed) return;
        const { session, user } = await deps.lucia.validateSession(message.token);
        if (!session || !user) {
          send(ws, { type: 'error', code: 'unauthorized', message: 'Your session has ended. Sign in again.' });
          ws.close(4401, 'unauthorized');
          return;
        }
        authed = true;
        clearTimeout(helloTimer);
        const workspaces = await memberWorkspaceIds(deps.db, user.id);
        send(ws, { type: 'ready', user: { id: user.id, email: user.email }, cursor: message.cursor });
        stop = startSubscription(deps.events, deps.hub, workspaces, message.cursor, (_e, text) => {
          const raw = ws.raw as { bufferedAmount?: number } | undefined;
          if ((raw?.bufferedAmount ?? 0) > MAX_BUFFERED_BYTES) return ws.close(4008, 'too far behind; reconnect');
          ws.send(text);
        });
      },
      onClose() {
        clearTimeout(helloTimer);
        clearInterval(heartbeat);
        stop?.();
      },
    };
  });
}

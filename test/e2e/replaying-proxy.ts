import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

export type ReplayingProxy = Awaited<ReturnType<typeof startReplayingProxy>>;

/**
 * Stands between the extension and the Weft server (the extension's server URL is the
 * proxy's) and passes HTTP and the push WebSocket through unchanged, except when asked to
 * replay: `rewindNextHello(0)` rewrites the cursor of the next push `hello`, so the server
 * re-sends events this browser has already applied. Any at-least-once path does that (a
 * socket reconnect racing the HTTP catch-up, a worker stopped between commit and ack), and
 * the extension promises to apply each event once whatever it is sent. `redelivered`
 * counts the events the server sent at or below the cursor the browser really asked from,
 * so a test can show the replay happened.
 *
 * With the server down, connections are dropped the way a closed port drops them.
 */
export async function startReplayingProxy(upstream: () => string) {
  let rewindTo: number | null = null;
  let redelivered = 0;
  const hellos: { askedFrom: number; sentFrom: number }[] = [];
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true });

  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', upstream());
    const forward = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.socket?.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = new URL(req.url ?? '/', upstream().replace(/^http/, 'ws'));
    const origin = req.headers.origin;
    const toServer = new WebSocket(target, origin ? { origin } : {});
    // The browser's handshake completes only once the server's has: a server that is down
    // looks down, not like a socket that opens and closes at once.
    toServer.once('error', () => socket.destroy());
    toServer.once('open', () => {
      toServer.removeAllListeners('error');
      wss.handleUpgrade(req, socket, head, (toBrowser) => pair(toBrowser, toServer));
    });
  });

  function pair(browser: WebSocket, server: WebSocket): void {
    let askedFrom = Infinity;
    browser.on('message', (data: RawData, isBinary) => {
      let out: RawData | string = data;
      const message = parse(data);
      if (message?.type === 'hello' && typeof message.cursor === 'number') {
        askedFrom = message.cursor;
        const sentFrom = rewindTo ?? message.cursor;
        rewindTo = null;
        hellos.push({ askedFrom, sentFrom });
        out = JSON.stringify({ ...message, cursor: sentFrom });
      }
      server.send(out, { binary: isBinary });
    });
    server.on('message', (data: RawData, isBinary) => {
      const message = parse(data);
      const id = (message?.event as { id?: unknown } | undefined)?.id;
      if (message?.type === 'event' && typeof id === 'number' && id <= askedFrom) redelivered++;
      browser.send(data, { binary: isBinary });
    });
    const closeBoth = (code: number, reason: Buffer) => {
      const usable = code >= 1000 && code !== 1005 && code !== 1006 ? code : 1011;
      for (const ws of [browser, server]) if (ws.readyState === WebSocket.OPEN) ws.close(usable, reason);
    };
    browser.on('close', closeBoth);
    server.on('close', closeBoth);
    browser.on('error', () => browser.terminate());
    server.on('error', () => server.terminate());
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** The next hello asks the server for everything after `cursor`, whatever the browser asked. */
    rewindNextHello(cursor: number): void {
      rewindTo = cursor;
    },
    /** Every push hello seen: the cursor the browser sent and the one passed on. */
    get hellos() {
      return [...hellos];
    },
    /** Events the server sent that the browser had said it already had. */
    get redelivered() {
      return redelivered;
    },
    async close(): Promise<void> {
      for (const ws of wss.clients) ws.terminate();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parse(data: RawData): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(data.toString());
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

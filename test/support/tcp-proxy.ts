import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that a test controls, standing between the server and its
 * PostgreSQL: `cut()` is the network (or the database) going away: every open connection
 * is reset and the port stops listening, so new connections are refused. `restore()`
 * listens on the same port again. The shared test cluster is never stopped.
 */
export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Connections accepted so far (each one to the target). */
  readonly accepted: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect(target.port, target.host);
    open.add(client).add(upstream);
    const end = (socket: net.Socket) => () => {
      open.delete(socket);
      socket.destroy();
    };
    client.on('error', end(upstream)).on('close', end(upstream));
    upstream.on('error', end(client)).on('close', end(client));
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const resetAll = () => {
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
  };
  return {
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    get accepted() {
      return accepted;
    },
    async cut() {
      // close() only stops new connections and waits for the open ones: reset them too.
      const closed = stopListening();
      resetAll();
      await closed;
    },
    async restore() {
      // The port was ours a moment ago; another process taking it in between is unlikely,
      // but say so clearly if it happens.
      await listen(port).catch((error: Error) => {
        throw new Error(`The test's TCP proxy could not listen on port ${port} again: ${error.message}`);
      });
    },
    async close() {
      const closed = stopListening();
      resetAll();
      await closed;
    },
  };
}

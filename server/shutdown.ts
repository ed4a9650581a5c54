import type { Server } from 'node:http';
import type { WebSocketServer } from 'ws';

/**
 * Where this instance is in its shutdown. Behind a load balancer a restart must lose
 * nothing: first readiness answers 503 (`draining`) while every request is still served,
 * so the balancer stops sending new ones; then the listener closes, long-lived push
 * streams are ended so their browsers resume on another instance from their cursor, and
 * requests in flight (a webhook waiting for its commit) finish before the store closes.
 */
export class Lifecycle {
  private state: 'serving' | 'draining' | 'stopping' = 'serving';
  private readonly streamEnders = new Set<() => void>();

  /** Readiness answers 503 from now on. */
  get draining(): boolean {
    return this.state !== 'serving';
  }

  beginDrain(): void {
    if (this.state === 'serving') this.state = 'draining';
  }

  /**
   * `end` runs when the instance stops serving (at once if it already has): for a stream
   * that would otherwise hold the listener open until the grace period runs out. Returns
   * the function that forgets it, for a stream that ends first.
   */
  onStop(end: () => void): () => void {
    if (this.state === 'stopping') {
      queueMicrotask(end);
      return () => {};
    }
    this.streamEnders.add(end);
    return () => this.streamEnders.delete(end);
  }

  /** Ends every stream registered with onStop. */
  stopServing(): void {
    this.state = 'stopping';
    for (const end of [...this.streamEnders]) end();
    this.streamEnders.clear();
  }
}

/** The close code a WebSocket client sees: "service restart", reconnect now (the extension does, with its cursor). */
export const RESTART_CLOSE_CODE = 1012;

/**
 * Stops accepting connections and waits for those open to finish what they are doing, at
 * most `graceMs`; what is still open then is cut. Idle keep-alive sockets close at once,
 * a socket that finishes its request after that closes when it goes idle, WebSocket
 * clients are sent a close frame (1012) and push streams are ended (Lifecycle.onStop).
 */
export async function stopServing(server: Server, wss: WebSocketServer, lifecycle: Lifecycle, graceMs: number): Promise<void> {
  lifecycle.stopServing();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const client of wss.clients) client.close(RESTART_CLOSE_CODE, 'Weft is restarting: reconnect.');
  wss.close();
  // A keep-alive socket that was busy when close() ran goes idle after its response; Node
  // does not close such sockets by itself, so look again until none is left.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => {
    server.closeAllConnections();
    for (const client of wss.clients) client.terminate();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idleSweep);
    clearTimeout(cut);
  }
}

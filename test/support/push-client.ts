import WebSocket from 'ws';

/**
 * A push client that behaves like the extension's background worker: it says hello with
 * its cursor (the last id it has), keeps every event it receives, and when its socket
 * closes it reconnects with backoff and resumes from that cursor. Here it reconnects to
 * the next of the given servers each time, as a load balancer would send it to another
 * instance when its own is gone.
 */
export class PushClient {
  /** Every event id received, in arrival order (a repeat stays in, so the test can see it). */
  readonly ids: number[] = [];
  cursor = 0;
  reconnects = 0;
  /** Which server (index into `urls`) it is attached to now, or was last. */
  attachedTo: number;
  private socket?: WebSocket;
  private closed = false;
  private readyWaiters: (() => void)[] = [];
  private live = false;
  /** When the socket last dropped, and how long each reconnect took (ms). */
  private droppedAt = 0;
  readonly reconnectMs: number[] = [];
  /** What went wrong that a user would notice: another workspace's event, an error frame. */
  readonly problems: string[] = [];

  constructor(
    private readonly urls: string[],
    start: number,
    private readonly token: string,
    readonly workspaceId: string,
  ) {
    this.attachedTo = start;
  }

  /** Connects; resolves on the server's `ready`. */
  connect(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    this.open(0);
    return ready;
  }

  isLive(): boolean {
    return this.live;
  }

  private open(attempt: number): void {
    if (this.closed) return;
    const url = this.urls[this.attachedTo]!.replace(/^http/, 'ws') + '/api/events/ws';
    const ws = new WebSocket(url, { perMessageDeflate: false });
    this.socket = ws;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token: this.token, cursor: this.cursor })));
    ws.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { type: string; event?: { id: number; workspaceId: string }; message?: string };
      if (message.type === 'ready') {
        this.live = true;
        if (this.droppedAt) {
          this.reconnectMs.push(Date.now() - this.droppedAt);
          this.droppedAt = 0;
        }
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      } else if (message.type === 'event') {
        const event = message.event!;
        if (event.workspaceId !== this.workspaceId) this.problems.push(`received event ${event.id} of workspace ${event.workspaceId}`);
        this.ids.push(event.id);
        this.cursor = Math.max(this.cursor, event.id);
      } else if (message.type === 'error') {
        this.problems.push(`the server sent an error: ${message.message}`);
      }
    });
    ws.on('error', () => {}); // 'close' follows
    ws.on('close', () => {
      if (this.closed) return;
      const wasLive = this.live;
      if (wasLive) {
        this.live = false;
        this.droppedAt = Date.now();
        this.reconnects++;
      }
      // The next instance, with a backoff that grows like the extension's (capped low here).
      const next = wasLive ? 0 : attempt + 1;
      this.attachedTo = (this.attachedTo + 1) % this.urls.length;
      setTimeout(() => this.open(next), Math.min(1000, 50 * 2 ** next) * (0.5 + Math.random() / 2));
    });
  }

  close(): void {
    this.closed = true;
    this.socket?.terminate();
  }
}

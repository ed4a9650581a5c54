import type { ClientMessage, ServerMessage } from '@@/shared/protocol';
import type { SocketLike } from '../push/push-client';

/** A WebSocket whose server side the test plays. Every instance is kept in `FakeSocket.all`. */
export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: ClientMessage[] = [];
  closedBy: number | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  /** The client closes: the close event follows asynchronously, as in a browser. */
  close(code = 1000) {
    if (this.readyState === 3) return;
    this.closedBy = code;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code, reason: '' } as CloseEvent));
  }
  accept() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(message: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
  /** The server or the network ends it. */
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason } as CloseEvent);
  }
}

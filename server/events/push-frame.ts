import type { WeftEvent } from '../../shared/protocol/events';
import { eventMessage } from './event-log';

/**
 * One event as every push transport sends it, encoded once: the `{type:'event', event}`
 * message as text, as the bytes of a WebSocket text frame, and as an SSE record. The hub
 * makes one frame per event and hands the same object to every client, so 1,000 clients
 * share one JSON string and one Buffer instead of encoding it 1,000 times (a string
 * given to a socket is encoded to bytes again on every send). Every form is built on
 * first use, so an event no client is watching for is never encoded, and one no SSE
 * client receives never has its SSE record built.
 */
export class PushFrame {
  private message?: string;
  private utf8?: Buffer;
  private sseRecord?: Buffer;

  constructor(
    readonly event: WeftEvent,
    text?: string,
  ) {
    this.message = text;
  }

  /** The `{type:'event', event}` message as JSON text. */
  get text(): string {
    return (this.message ??= eventMessage(this.event));
  }

  /** The message as UTF-8: the payload of a WebSocket text frame. */
  get bytes(): Buffer {
    return (this.utf8 ??= Buffer.from(this.text, 'utf8'));
  }

  /** `event: weft`, the message as `data:` lines, `id: <event id>`: what hono's writeSSE writes, once. */
  get sse(): Buffer {
    return (this.sseRecord ??= Buffer.from(sseRecord(this.text, this.event.id), 'utf8'));
  }
}

/** An SSE record as hono's `writeSSE` formats it: a message that holds line breaks becomes several `data:` lines. */
function sseRecord(data: string, id: number): string {
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join('\n');
  return `event: weft\n${lines}\nid: ${id}\n\n`;
}

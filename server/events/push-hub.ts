import type { WeftEvent } from '../../shared/protocol/events';
import type { Logger } from '../lib/log';
import { eventMessage, type EventLog } from './event-log';

/** One push connection (WebSocket or SSE) of one signed-in user. */
export interface PushClient {
  workspaceIds: ReadonlySet<string>;
  /** Receives events already serialised as a `{type:'event', event}` message. */
  send(event: WeftEvent, message: string): void;
}

/**
 * Fans committed events out to the push connections of their workspace's members.
 * Each event is serialised once, however many clients receive it (1,000 clients must
 * not mean 1,000 JSON.stringify calls per event).
 */
export class PushHub {
  private readonly byWorkspace = new Map<string, Set<PushClient>>();

  constructor(
    log: EventLog,
    private readonly logger: Pick<Logger, 'error'> = { error: () => {} },
  ) {
    log.subscribe((events) => this.publish(events));
  }

  /** Starts delivering live events to `client`; returns the function that stops it. */
  attach(client: PushClient): () => void {
    for (const id of client.workspaceIds) {
      let set = this.byWorkspace.get(id);
      if (!set) this.byWorkspace.set(id, (set = new Set()));
      set.add(client);
    }
    return () => {
      for (const id of client.workspaceIds) {
        const set = this.byWorkspace.get(id);
        set?.delete(client);
        if (set?.size === 0) this.byWorkspace.delete(id);
      }
    };
  }

  get clientCount(): number {
    const all = new Set<PushClient>();
    for (const set of this.byWorkspace.values()) for (const c of set) all.add(c);
    return all.size;
  }

  private publish(events: WeftEvent[]): void {
    for (const event of events) {
      const clients = this.byWorkspace.get(event.workspaceId);
      if (!clients) continue;
      const message = eventMessage(event);
      for (const client of clients) {
        // One client's failure (a socket in a bad state, a bug in its transport) must not
        // keep the event from the others, nor escape into the event log's commit loop.
        try {
          client.send(event, message);
        } catch (error) {
          this.logger.error('A push client failed to take an event', { eventId: event.id, error: error instanceof Error ? error.stack : String(error) });
        }
      }
    }
  }
}

import type { WeftEvent } from '@@/shared/protocol';
import { api } from '../api';
import { cursorFor } from '../events/meta';

/** Catch-up pages per call; anything beyond waits for the next alarm (or the socket). */
const maxPages = 20;
const pageSize = 500;

/**
 * Pulls what the socket would have sent, over plain HTTP: for when the socket cannot get
 * through (a proxy that drops WebSockets) or has not yet. Each page resumes from the
 * stored cursor, so it may run alongside the socket: applying is idempotent.
 */
export async function catchUp(owner: string, receive: (events: WeftEvent[], owner: string) => Promise<void>): Promise<void> {
  for (let page = 0; page < maxPages; page++) {
    const { events } = await api.events(await cursorFor(owner), pageSize);
    await receive(events, owner);
    if (events.length < pageSize) return;
  }
}

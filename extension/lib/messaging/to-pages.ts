import { defineExtensionMessaging, type GetDataType } from '@webext-core/messaging';
import type { OutboxItemView } from '../outbox/types';

/**
 * The one protocol from the background to the pages: news the open extension pages and
 * the provider tabs' overlays may want. Only `entrypoints/background.ts` and the modules
 * it wires send these; nobody answers them, and none listening is the normal case (the
 * popup is closed most of the time), so a send never fails its sender.
 * Types only besides the messenger, for the content scripts' sake.
 * https://webext-core.aklinker1.io/messaging/protocol-maps
 */

export type ConnectionsChanged = {
  /** `oauth`: a consent tab finished (its outcome is in `lastOAuthOutcome`). */
  reason: 'oauth';
  provider: string;
};

export interface ToPages {
  /** To every open extension page: the connections changed behind your back. */
  connectionsChanged(data: ConnectionsChanged): void;
  /** To extension pages and the provider tabs: one outbox item changed state. */
  outboxChanged(item: OutboxItemView): void;
  /** To extension pages and the provider tabs: the manual flows changed (re-read by the background); ask for them again. */
  manualFlowsChanged(): void;
}

const messenger = defineExtensionMessaging<ToPages>();

export const listenToBackground = messenger.onMessage;

/** To the extension's own pages, or to the content scripts of one tab; "nobody listening" is not an error. */
export async function tellPages<T extends keyof ToPages>(type: T, data: GetDataType<ToPages[T]>, tabId?: number): Promise<void> {
  await messenger.sendMessage(type, data, tabId).catch(() => undefined);
}

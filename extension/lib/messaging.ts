import { defineExtensionMessaging } from '@webext-core/messaging';
import { ApiError, messageOf } from './api-error';

/**
 * The one typed protocol between the extension's contexts.
 * https://webext-core.aklinker1.io/messaging/protocol-maps
 */

export type StartOAuthRequest = {
  provider: string;
  /** Reconnect: renew this connection instead of creating one. */
  connectionId?: string;
  name?: string;
};

/** Failures come back as values, not thrown errors, so the caller keeps the code. */
export type BackgroundResult = { ok: true } | { ok: false; code: string; message: string };

export type ConnectionsChanged = {
  /** `oauth`: a consent tab finished (its outcome is in `lastOAuthOutcome`). */
  reason: 'oauth';
  provider: string;
};

interface ProtocolMap {
  /**
   * Popup → background. The background asks the server for the consent URL, opens it in a
   * tab and watches that tab: the popup closes as soon as the tab takes focus.
   */
  startOAuth(data: StartOAuthRequest): BackgroundResult;
  /** Any page → background: pull the connection list into the Dexie cache now. */
  refreshConnections(): BackgroundResult;
  /** Background → every open extension page: the connections changed behind your back. */
  connectionsChanged(data: ConnectionsChanged): void;
  /** Popup → background: the user is looking at the activity; clear the unread badge. */
  markAllRead(): void;
  /** Popup → background: "Retry now" while the live connection waits to reconnect. */
  reconnectPush(): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** A broadcast to pages that may all be closed: "no receiver" is the normal case, not an error. */
export async function broadcastConnectionsChanged(data: ConnectionsChanged): Promise<void> {
  await sendMessage('connectionsChanged', data).catch(() => undefined);
}

/** Any caught error as a result the sender can show. */
export function failure(err: unknown): BackgroundResult {
  return { ok: false, code: err instanceof ApiError ? err.code : 'internal', message: messageOf(err) };
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import { useLiveQuery } from '@/hooks/use-live-query';
import { failure } from '@/lib/api-error';
import { db } from '@/lib/db';
import { sendToBackground } from '@/lib/messaging/to-background';
import { listenToBackground } from '@/lib/messaging/to-pages';

/**
 * The connection list: rendered from Dexie at once, then kept current while the popup is
 * open, without polling. Every change on the server (connected, renamed, tested, expired,
 * deleted, in this browser or another) is a `connection.updated` event the background
 * applies into Dexie as it arrives over push, or catches up on by its cursor after an
 * outage; the list follows through liveQuery, across contexts. The popup asks the
 * background to re-read the list from the server only when it opens (so the
 * first look is checked against the server, and "can't reach the server" is said), on
 * Retry, and when the background says a consent tab finished.
 */
export type ConnectionsState = ReturnType<typeof useConnections>;

export function useConnections() {
  const connections = useLiveQuery(() => db.connections.orderBy('createdAt').toArray());
  /** True once the server answered (or failed to) this time the popup opened. */
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);

  const refresh = useCallback(async () => {
    const result = await sendToBackground('refreshConnections').catch(failure);
    setError(result.ok ? null : result.message);
    setChecked(true);
  }, []);

  useEffect(() => {
    void refresh();
    return listenToBackground('connectionsChanged', () => void refresh());
  }, [refresh]);

  async function retry() {
    setRetrying(true);
    await refresh();
    setRetrying(false);
  }

  return { connections, checked, error, retrying, retry };
}

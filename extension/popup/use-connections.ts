import { useCallback, useEffect, useState } from 'preact/hooks';
import { useLiveQuery } from '@/hooks/use-live-query';
import { db } from '@/lib/db';
import { failure } from '@/lib/api-error';
import { sendToBackground } from '@/lib/messaging/to-background';
import { listenToBackground } from '@/lib/messaging/to-pages';

/** How often the open popup re-reads the list. Push replaces this in a later issue. */
const pollMs = 3_000;

/**
 * The connection list: rendered from Dexie at once, then kept current while the popup is
 * open. The background does the fetching (it owns the cache, and will own push); this
 * hook asks it to, on open, every few seconds, and when it says something changed.
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
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Poll after each answer, not on a fixed beat, so a slow server never gets a pile-up.
    const tick = async () => {
      await refresh();
      if (!stopped) timer = setTimeout(tick, pollMs);
    };
    void tick();
    const stopListening = listenToBackground('connectionsChanged', () => void refresh());
    return () => {
      stopped = true;
      clearTimeout(timer);
      stopListening();
    };
  }, [refresh]);

  async function retry() {
    setRetrying(true);
    await refresh();
    setRetrying(false);
  }

  return { connections, checked, error, retrying, retry };
}

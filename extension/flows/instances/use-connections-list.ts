import { useEffect } from 'preact/hooks';
import { useRemote } from '@/hooks/use-remote';
import { api } from '@/lib/api';
import { listenToBackground } from '@/lib/messaging/to-pages';

/**
 * The user's connections, read from the server when a deploy or install form opens
 * (fresh: one may have just been added), and again when the background says they changed
 * (a "Connect Slack" started from the form finished in its tab).
 */
export function useConnectionsList() {
  const { data, error, loading, reload } = useRemote(() => api.connections(), []);
  useEffect(() => listenToBackground('connectionsChanged', () => void reload()), [reload]);
  return { connections: data?.connections, error, loading, reload };
}

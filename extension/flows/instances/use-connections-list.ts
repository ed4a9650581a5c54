import { useRemote } from '@/hooks/use-remote';
import { api } from '@/lib/api';

/** The user's connections, read from the server when a deploy or install form opens (fresh: one may have just been added). */
export function useConnectionsList() {
  const { data, error, loading, reload } = useRemote(() => api.connections(), []);
  return { connections: data?.connections, error, loading, reload };
}

import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useLiveQuery } from '@/hooks/use-live-query';
import { messageOf } from '@/lib/api-error';
import { refreshCatalog } from '@/lib/cache';
import { db } from '@/lib/db';

export type Catalog = ReturnType<typeof useCatalog>;

/** The server's provider catalog: cached in Dexie, refreshed once each time the popup opens. */
export function useCatalog() {
  const providers = useLiveQuery(() => db.providers.toArray());
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      await refreshCatalog();
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setChecked(true);
    }
  }, []);

  useEffect(() => void refresh(), [refresh]);

  const byId = useMemo(() => new Map((providers ?? []).map((p) => [p.id, p])), [providers]);
  /** A connection's provider by name, even when the catalog has not loaded (or dropped it). */
  const nameOf = useCallback((id: string) => byId.get(id)?.name ?? id, [byId]);

  return { providers, byId, nameOf, checked, error, refresh };
}

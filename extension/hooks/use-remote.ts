import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '@/lib/api-error';

/**
 * Data read straight from the server (not cached in Dexie): loaded when `deps` change,
 * reloaded on demand. `data` stays while a reload runs, so a table does not flash empty;
 * an answer to an older request is dropped.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const answer = await load();
      if (call !== latest.current) return;
      setData(() => answer);
      setError(null);
    } catch (err) {
      if (call === latest.current) setError(messageOf(err));
    } finally {
      if (call === latest.current) setLoading(false);
    }
    // The caller lists the loader's inputs, as with useEffect.
  }, deps);

  useEffect(() => void reload(), [reload]);
  return { data, setData, error, loading, reload };
}

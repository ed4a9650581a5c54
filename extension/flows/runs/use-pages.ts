import { useCallback, useEffect, useState } from 'preact/hooks';
import { messageOf } from '@/lib/api-error';

/** Pages of a newest-first list: the first on mount, then older ones on demand with the previous page's `next`. */
export function usePages<T>(load: (after: string | undefined) => Promise<{ items: T[]; next: string | null }>) {
  const [items, setItems] = useState<T[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const more = useCallback(
    async (after: string | undefined) => {
      setLoading(true);
      try {
        const page = await load(after);
        setItems((current) => (after ? [...(current ?? []), ...page.items] : page.items));
        setNext(page.next);
        setError(null);
      } catch (err) {
        setError(messageOf(err));
      } finally {
        setLoading(false);
      }
    },
    [load],
  );

  useEffect(() => void more(undefined), []);
  return { items, next, error, loading, reload: () => more(undefined), older: () => next && more(next) };
}

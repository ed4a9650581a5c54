import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Dexie's `liveQuery` as a Preact hook (dexie-react-hooks is React-only). `undefined`
 * means "not read yet", so a caller can tell loading from empty.
 * https://dexie.org/docs/liveQuery()
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[] = []): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (next) => setValue(() => next),
      error: (err: unknown) => console.warn('[weft] liveQuery', err),
    });
    return () => subscription.unsubscribe();
    // The caller lists the query's inputs, as with useEffect.
  }, deps);
  return value;
}

import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from '#imports';

/**
 * A `wxt/storage` item's value, kept current when any context (background, options page,
 * another popup) changes it. `undefined` until the first read.
 */
export function useStorageItem<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void item.getValue().then((v) => live && setValue(() => v));
    const unwatch = item.watch((v) => setValue(() => v));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}

/**
 * Values kept by key, the `size` most recently used: for what never changes once made (a
 * published version's parsed document, a run's parsed trigger, a run's event origin), so
 * every step of a run need not read or make it again.
 *
 * @example const docs = keptRecent<Doc>(200); docs.get(key) ?? docs.set(key, parse(text))
 */
export function keptRecent<V>(size: number) {
  const kept = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      if (!kept.has(key)) return undefined;
      const value = kept.get(key)!;
      // Most recently used last: the Map's first key is the one to drop.
      kept.delete(key);
      kept.set(key, value);
      return value;
    },
    /** Keeps `value` for `key` and returns it. */
    set(key: string, value: V): V {
      kept.delete(key);
      kept.set(key, value);
      if (kept.size > size) kept.delete(kept.keys().next().value!);
      return value;
    },
  };
}

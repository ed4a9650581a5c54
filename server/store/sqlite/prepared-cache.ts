/**
 * What a connection prepared, by SQL text, the least recently used dropped beyond `size`.
 * Preparing a statement again costs more than running it, and queries arrive as text
 * (Kysely compiles each one anew): the dialect and the unsynced writes both keep theirs here.
 */
export function preparedCache<T>(size: number, prepare: (sql: string) => T) {
  const cache = new Map<string, T>();
  return {
    get(sql: string): T {
      const hit = cache.get(sql);
      if (hit !== undefined) {
        // Most recently used last: the Map's first key is the one to drop.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const made = prepare(sql);
      cache.set(sql, made);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return made;
    },
    clear: () => cache.clear(),
  };
}

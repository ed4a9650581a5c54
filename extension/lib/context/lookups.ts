import { ApiError, messageOf } from '../api-error';
import { db } from '../db';
import type { Fresh } from './types';

const inflight = new Map<string, Promise<Fresh<unknown>>>();

/**
 * The cached answer under `key` at once (`refresh` false), or a new one from `load`,
 * stored for next time. A failed refresh still answers with what was cached, plus the
 * error. Two panels asking for the same key share one load.
 *
 * @example await cachedOrLoad('github:issue:octocat/hello-world#2', true, () => loadGithubContext(…))
 */
export async function cachedOrLoad<T>(key: string, refresh: boolean, load: () => Promise<T>): Promise<Fresh<T>> {
  const cached = await db.lookups.get(key);
  if (!refresh) return { data: (cached?.value as T | undefined) ?? null, fetchedAt: cached?.fetchedAt ?? null, error: null };
  const running = inflight.get(key);
  if (running) return running as Promise<Fresh<T>>;
  const loading = (async (): Promise<Fresh<T>> => {
    try {
      const value = await load();
      const fetchedAt = Date.now();
      await db.lookups.put({ key, value, fetchedAt });
      return { data: value, fetchedAt, error: null };
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'internal';
      return { data: (cached?.value as T | undefined) ?? null, fetchedAt: cached?.fetchedAt ?? null, error: { code, message: messageOf(err) } };
    } finally {
      inflight.delete(key);
    }
  })();
  inflight.set(key, loading);
  return loading;
}

export async function cachedValue<T>(key: string): Promise<T | null> {
  return ((await db.lookups.get(key))?.value as T | undefined) ?? null;
}

/** Every cached value whose key starts with `prefix`. */
export async function cachedWithPrefix<T>(prefix: string): Promise<T[]> {
  const rows = await db.lookups.where('key').startsWith(prefix).toArray();
  return rows.map((r) => r.value as T);
}

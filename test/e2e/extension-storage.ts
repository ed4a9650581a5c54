import type { Page, WebWorker } from 'puppeteer-core';

/**
 * Where → what is kept there, as text: `indexedDB <database>/<store>` (every key and
 * record), `storage.local`, `storage.session`, `storage.sync`, `cache <name> <url>`, and
 * for a page `localStorage` and `sessionStorage`.
 */
export type StorageDump = Record<string, string>;

/**
 * Reads back everything the extension keeps, from one of its contexts: every IndexedDB
 * database of its origin (found with `indexedDB.databases()`, so one added later is read
 * too) with every key and record of every object store, `storage.local`, `storage.session`
 * and `storage.sync`, Cache Storage, and a page's web storage. Binary values are decoded as
 * UTF-8 text, so a token in an ArrayBuffer is found too; a Blob stops the scan rather than
 * being skipped. A leak scan reads this, not what the UI happens to show.
 *
 * @example secretsIn(await dumpExtensionStorage(stack.worker), tokens) // → [] when clean
 */
export async function dumpExtensionStorage(context: Page | WebWorker): Promise<StorageDump> {
  // Self-contained: puppeteer sends this function's source into the extension's context.
  return context.evaluate(async () => {
    const chrome = (globalThis as any).chrome;
    const dump: Record<string, string> = {};
    const keep = (where: string, value: unknown) => {
      dump[where] = JSON.stringify(value, (_key, v: unknown) => {
        if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return new TextDecoder().decode(v);
        if (v instanceof Map || v instanceof Set) return [...v];
        if (v instanceof Blob) throw new Error(`${where} holds a Blob; read it as text before scanning`);
        return v;
      });
    };
    const done = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });

    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      // No version: opens the database as it is, never upgrading it.
      const db = await done(indexedDB.open(name));
      for (const store of db.objectStoreNames) {
        const objects = db.transaction(store, 'readonly').objectStore(store);
        const [keys, records] = await Promise.all([done(objects.getAllKeys()), done(objects.getAll())]);
        keep(`indexedDB ${name}/${store}`, { keys, records });
      }
      db.close();
    }
    for (const area of ['local', 'session', 'sync']) keep(`storage.${area}`, await chrome.storage[area].get(null));
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) keep(`cache ${name} ${request.url}`, (await (await cache.match(request))?.text()) ?? '');
    }
    if (typeof localStorage !== 'undefined') {
      for (const [area, store] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
        keep(area, Object.fromEntries(Array.from({ length: store.length }, (_, i) => [store.key(i), store.getItem(store.key(i)!)])));
      }
    }
    return dump;
  });
}

/** Each secret found in `haystack`, with the first place it was found (empty when clean). */
export function secretsIn(haystack: Record<string, string>, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    const where = Object.entries(haystack).find(([, text]) => text.includes(secret))?.[0];
    if (where) found.push(`${secret.slice(0, 12)}… in ${where}`);
  }
  return found;
}
